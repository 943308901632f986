package reader

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The cleaner's rules. Each unit of the dump gets a few plain features
// (length, sentence shape, site vocabulary, position); the article is the
// densest run of prose among them, found as a maximum-sum subarray of
// per-unit scores, and then the lines inside that run that are still the
// site's own are dropped. Nothing here knows a site, a page or a phrase of
// one article: the vocabulary is the generic vocabulary of web furniture.

// textBoilerVocab is the vocabulary of a site's furniture: accounts,
// newsletters, sharing, social networks, ads, legal lines, navigation and
// promotions, as lower-case words and phrases of up to three words. Weight
// 2 marks what only a site's own lines say; weight 1 what articles say
// too, so that only its density counts.
var textBoilerVocab = textVocab(map[int][]string{
	1: {"register", "share", "shares", "sharing", "tweet", "facebook", "fb", "twitter", "instagram", "linkedin",
		"pinterest", "whatsapp", "reddit", "youtube", "tiktok", "telegram", "flipboard", "email", "e mail",
		"advertising", "advertise", "advertiser", "advertizer", "sponsored", "related", "recommended", "trending",
		"comment", "comments", "reply", "download", "fans", "like us", "join", "notification", "notifications",
		"rss", "javascript", "browser", "browse", "menu", "account", "premium", "podcast", "podcasts", "jobs",
		"careers", "feedback", "donate", "membership", "promo", "coupon", "emails", "alerts", "user", "users", "website", "websites",
		"moderator", "moderators", "registration",
		// An account's form and its messages, in a few languages.
		"password", "passwords", "username", "passwort", "kennwort", "benutzername", "registrierung", "anmelden", "anmeldung",
		"mot de passe", "identifiant", "inscription", "contraseña", "registro", "senha", "cadastro", "hasło", "logowanie",
		"rejestracja", "wachtwoord", "inloggen",
		// The same in a few other languages.
		"compartilhe", "compartilhar", "compartir", "comparte", "partager", "partagez", "teilen", "condividi",
		"поделиться", "comentários", "comentarios", "commentaires", "kommentare", "commenti", "комментарии"},
	2: {"subscribe", "subscriber", "subscribers", "subscription", "subscriptions", "sign in", "sign up", "sign out",
		"signing in", "signing up", "signup", "login", "log in", "log out", "newsletter", "newsletters", "cookie",
		"cookies", "privacy policy", "privacy notice", "privacy settings", "terms of use", "terms of service",
		"terms and conditions", "terms conditions", "copyright", "all rights reserved", "follow us", "advertisement",
		"ad choices", "powered by", "click here", "read more", "app store", "google play", "skip to",
		"back to top", "contact us", "about us", "free trial", "print edition", "epaper", "e paper", "view all",
		"see all", "see more", "load more", "show more", "next article", "next story", "next post",
		"previous article", "previous story", "previous post", "sitemap",
		"article précédent", "article suivant", "vorheriger artikel", "nächster artikel", "vorheriger beitrag",
		"nächster beitrag", "artículo anterior", "artículo siguiente", "artigo anterior", "próximo artigo",
		"articolo precedente", "articolo successivo", "faq", "help center", "customer service",
		"disclaimer", "accessibility", "support us", "you are here", "personal data", "your account",
		"assine", "assinar", "suscríbete", "suscríbase", "suscribirse", "suscriptor", "suscriptores", "abonnez", "abonnieren", "abonnement", "подписаться",
		"подпишитесь", "publicidade", "publicidad", "publicité", "werbung", "реклама", "pubblicità",
		"direitos reservados", "derechos reservados", "droits réservés", "rechte vorbehalten", "права защищены",
		"política de privacidade", "política de privacidad", "datenschutz", "impressum", "mentions légales",
		"wird geladen", "teilen mit", "externer inhalt", "beitragsbild",
		"advertising disclosure", "affiliate disclosure", "affiliate links", "affiliate link", "receive compensation", "earn a commission",
		"jetzt bestellen", "buch bestellen",
		// A recipe card's buttons over the post.
		"jump to recipe", "print recipe", "pin recipe",
		"forgot password", "forgot your password", "reset your password", "passwort vergessen", "passwort zurücksetzen",
		"kennwort vergessen", "mot de passe oublié", "olvidaste tu contraseña", "esqueceu sua senha", "esqueci minha senha",
		"nie pamiętasz hasła", "wachtwoord vergeten", "try again", "versuche es erneut", "versuchen sie es erneut",
		"réessayer", "inténtalo de nuevo", "tente novamente", "spróbuj ponownie", "probeer het opnieuw",
		"internet explorer", "update your browser", "enable javascript", "anuncie", "affiliate commission",
		// "Skip to content" in a few other languages.
		"zum inhalt", "inhalt springen", "inhalt wechseln", "zur navigation", "zur hauptnavigation", "aller au contenu",
		"ir al contenido", "saltar al contenido", "pular para o conteúdo", "vai al contenuto", "перейти к содержанию"},
})

// textCompoundHeads are words of the site's that German runs into longer
// words of the site's ("Datenschutzerklärung", "Newsletteranmeldung").
var textCompoundHeads = []string{"datenschutz", "newsletter"}

// textCompoundHead reports whether the word w opens with one of
// textCompoundHeads.
func textCompoundHead(w string) bool {
	for _, h := range textCompoundHeads {
		if strings.HasPrefix(w, h) {
			return true
		}
	}
	return false
}

// textNetworks are the names a share bar's buttons carry.
var textNetworks = []string{"facebook", "twitter", "flipboard", "whatsapp", "pinterest", "linkedin", "reddit", "telegram",
	"tumblr", "messenger", "instagram", "xing", "email", "mail", "print", "sms"}

// textGluedNetworks reports a word that is two or more networks' names
// run together ("facebooktwitterflipboardwhatsapp"): a share bar whose
// buttons a copy gave only their hidden labels, with no space between.
func textGluedNetworks(w string) bool {
	if len(w) < 10 {
		return false
	}
	n := 0
	for w != "" {
		cut := false
		for _, name := range textNetworks {
			if rest, ok := strings.CutPrefix(w, name); ok {
				w, cut = rest, true
				n++
				break
			}
		}
		if !cut {
			return false
		}
	}
	return n >= 2
}

func textVocab(byWeight map[int][]string) map[string]int {
	m := make(map[string]int)
	for w, phrases := range byWeight {
		for _, p := range phrases {
			m[p] = w
		}
	}
	return m
}

// textBoilerHits weighs the site vocabulary in low, lower-cased text:
// words and phrases of textBoilerVocab, and the arrows and marks of
// navigation and legal lines.
func textBoilerHits(low string) int {
	hits := 0
	for _, r := range low {
		switch r {
		case '©':
			hits += 2
		case '®', '™', '»', '«', '›', '‹', '→', '↑':
			hits++
		}
	}
	words := strings.FieldsFunc(low, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i := range words {
		if w, ok := textBoilerVocab[words[i]]; ok {
			hits += w
		} else if textCompoundHead(words[i]) || textGluedNetworks(words[i]) {
			hits += 2
		}
		if i+1 < len(words) {
			two := words[i] + " " + words[i+1]
			if w, ok := textBoilerVocab[two]; ok {
				hits += w
			}
			if i+2 < len(words) {
				if w, ok := textBoilerVocab[two+" "+words[i+2]]; ok {
					hits += w
				}
			}
		}
	}
	return hits
}

// textFeedbackLine reports a feedback widget's question under an article
// ("Was this article helpful?", feedbackLines), which, as a comment
// thread's heading does, opens what follows the article.
func textFeedbackLine(low string) bool {
	for _, p := range feedbackLines {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	return false
}

// textEndRe matches a short heading that opens what follows an article:
// its comment thread. Nothing after it is the article's. A comment form's
// heading ends with its cancel button in any wording ("Kommentar
// verfassen Antwort abbrechen"); a thread's count may follow its heading
// in brackets ("Komentarze (9)").
var textEndRe = lazyRegexp(`^(?:\d+\s+)?(?:comments?|responses?|replies|discussion|reader comments|leave a (?:reply|comment)|post a comment|add a comment|write a comment|join the (?:discussion|conversation)|view (?:the )?(?:comments|discussion(?: thread)?)|show comments|comments are closed|about the author|comentários|comentarios|commentaires|kommentare|commenti|komentarze|reacties|kommentarer|kommentit|komentáře|hozzászólások|комментарии|\d+\s+(?:kommentar|commentaire|comentario|comentário|commento|komentarz\p{L}*|reactie|kommentti\p{L}*|komentář\p{L}*|hozzászólás)|deixe (?:um|seu) comentário|deja (?:un|tu) comentario|laisser un commentaire|schreibe?n? (?:sie )?einen kommentar|lascia un commento|` + textCommentFormRe + `|оставить комментарий|добавить комментарий|.{0,60}\b` + textCancelReply + `)(?:\s*\(\s*\d+\s*\))?[\s:.!]*$`)

// textSignInRe matches a comment box's prompt to sign in, in several
// languages: "Sign in to post a comment", "Log in to reply", "Melden Sie
// sich an, um zu kommentieren". Under the article's paragraphs it starts
// the comments; in its header (a share bar's button) it does not
// (textClassifySignIn).
var textSignInRe = lazyRegexp(`^(?:(?:sign|log) in to (?:post a |leave a |add a |write a )?(?:comment|reply)|(?:melde dich|melden sie sich|anmelden),? um (?:zu kommentieren|einen kommentar zu (?:schreiben|verfassen))|connectez-vous pour (?:commenter|réagir)|inicia sesión para comentar|faça login para comentar|accedi per commentare)[\s:.!]*$`)

// textSignInWords are the words textSignInRe cannot match without.
var textSignInWords = []string{"sign in", "log in", "anmelden", "melde", "connectez", "sesión", "login", "accedi"}

// textClassifySignIn leaves a sign-in prompt in the article's header (at
// most a standfirst and a lede above it: a share bar's "Sign in to
// comment") to the site's lines: only under the article's paragraphs does
// it start the comments.
func textClassifySignIn(units []textUnit) {
	paras := 0
	for i := range units {
		u := &units[i]
		if u.stop && paras <= textMaxAboveCommentsLink && textSignInRe().MatchString(strings.ToLower(strings.TrimSpace(u.text))) {
			u.stop, u.boiler = false, true
			u.score = textScore(u)
		}
		if u.prose && !u.boiler && !u.list {
			paras++
		}
	}
}

// textThreadWords are the stems a comment thread's heading cannot lack.
var textThreadWords = []string{"comment", "komment", "koment", "coment", "réponse", "repl", "respons", "reacti", "discussion", "комментар"}

// textCountedThreadRe matches the count of a thread's comments that
// heads it, with the link or two a page sets on the same line ("4
// Comments. Leave new", "32 Comments Comment from the forums").
var textCountedThreadRe = lazyRegexp(`^\d+\s+(?:comments?|responses?|replies|kommentare?|commentaires?|comentarios?|comentários?|commenti|komentarz\p{L}*|reacties)\b[.:]?(?:\s+(?:leave|add|post|write|new|comment|comments|from|the|forums?|a|your|own|reply|view|show|join|discussion|schreibe?n?|einen|kommentar|kommentieren)\b\S*){0,4}$`)

// textGluedThreadHeading reports the heading of a comment thread that a
// browser's copy glued to its neighbour on one line: the count of the
// comments and its links, or two of textEndRe's headings in a row
// ("Kommentare Schreibe einen Kommentar", the thread's heading and its
// form's).
func textGluedThreadHeading(low string) bool {
	if textHasDigit(low) && textCountedThreadRe().MatchString(low) {
		return true
	}
	f := strings.Fields(low)
	for k := 1; k < len(f); k++ {
		if textEndRe().MatchString(strings.Join(f[:k], " ")) && textEndRe().MatchString(strings.Join(f[k:], " ")) {
			return true
		}
	}
	return false
}

// textCancelReply is a comment form's cancel button, which ends its
// heading ("Kommentar verfassen Antwort abbrechen").
const textCancelReply = `(?:cancel reply|antwort(?:en)? abbrechen|annuler la réponse|cancelar (?:respuesta|resposta)|annulla risposta|anuluj (?:odpowiedź|pisanie odpowiedzi)|reactie annuleren|annuleer reactie|avbryt svar|annuller svar|peruuta vastaus|zrušit odpověď|отменить ответ)`

// textReplyFormRe matches the heading of a comment form by its cancel
// button: only the form under an article has one, no menu or byline.
var textReplyFormRe = lazyRegexp(`\b` + textCancelReply + `[\s:.!]*$`)

// textCommentFormRe matches the heading of a comment form in the languages
// of Europe ("Écrire un commentaire", "Dodaj komentarz", "Laat een reactie
// achter"): a call to write, which heads no section of an article.
const textCommentFormRe = `(?:hinterlasse|hinterlassen sie|verfasse)(?: jetzt)? einen kommentar|kommentar (?:schreiben|hinzufügen|verfassen|hinterlassen)|` +
	`(?:écrire|ajouter|laisser|poster|publier) un commentaire|(?:deja|dejar|escribe|escribir|añade|añadir|agrega|agregar) (?:un|tu|su) comentario|` +
	`(?:deixe|deixar|escreva|escrever|adicione|adicionar) (?:um|seu|o seu) comentário|(?:scrivi|aggiungi|lasciare|scrivere) un commento|` +
	`(?:dodaj|napisz|zostaw) komentarz|(?:laat|plaats|schrijf) een reactie(?: achter)?|reactie (?:plaatsen|toevoegen|achterlaten)|` +
	`(?:skriv|lämna|legg igjen|efterlad|lägg till) (?:en )?kommentar|(?:jätä|kirjoita|lisää) kommentti|(?:přidat|napsat|vložit) komentář|szólj hozzá|hozzászólás írása`

// textCopyrightRe matches a site's copyright line, which closes the page:
// a copyright sign or word with a year, or a rights reservation. (A
// photo's "© Reuters" has no year, and "© 2630ben / Getty Images" a
// photographer's handle that opens with digits: a year is a whole word.)
var textCopyrightRe = lazyRegexp(`(?:©|\(c\)|copyright)\s*(?:\w+ )?(?:1[89]|20)\d\d\b|all rights reserved|direitos reservados|derechos reservados|droits réservés|rechte vorbehalten|права защищены|tutti i diritti riservati`)

// textAsideRe matches a short heading of a box of links: related and
// popular stories, tags. Such a box sits inside an article as often as
// after it.
var textAsideRe = lazyRegexp(`^(?:related(?: \w+){0,2}|more (?:from|on|in|stories|articles|news|like this|to read|coverage)\b.*|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|recommended(?: for you| reading| stories| articles)?|editor'?s'? picks|read (?:next|this next|more|also)|also read|what to read next|most (?:popular|read|viewed|shared|emailed)\b.*|popular (?:now|stories|articles|posts)|trending(?: now| stories)?|share this(?: \w+)?|tags?|topics|don'?t miss|you may have missed|(?:você )?(?:também )?pode gostar|não perca|no te pierdas|filed under|sponsored (?:content|links|stories)|from around the web|around the web|promoted (?:stories|links|content)|latest (?:news|stories|articles|posts)|top stories|see also|leia (?:também|mais)|veja também|lea también|lee también|ver también|(?:à )?lire aussi|voir aussi|auch interessant|auch lesenswert|lesen sie (?:auch|mehr)(?: zum thema)?|lies auch|passend zum thema|mehr zu diesem thema|mehr zum thema|leggi anche|читайте также|смотрите также|похожие (?:статьи|новости|материалы)|(?:notícias|noticias|artigos|artículos|matérias) relacionad[oa]s|articles similaires|articles liés|sur le même sujet|ähnliche artikel|(?:ähnliche|verwandte|weitere|neueste|letzte|beliebte|beliebteste) (?:beiträge|artikel|news|nachrichten|meldungen|pressemitteilungen)(?: zum thema|(?: \pL+){1,2})?|(?:das thema |das |dies )?könnte (?:sie|dich) auch interessieren|(?:también )?(?:te|le) puede interesar|mehr themen|(?:die )?meistgelesenen? (?:artikel|beiträge|news|nachrichten)\b.*|weitere beiträge zu\b.*|pour approfondir|articoli correlati|potrebbe interessarti|zobacz (?:również|też|także)|czytaj (?:także|też|również)|podobne artykuły|gerelateerde artikelen|lees ook|ook interessant|relaterade artiklar|relaterte artikler|relaterede artikler|läs också|läs även|läs mer|les også|les mer|læs også|læs mere|lue myös|lue lisää|lue seuraavaksi|katso myös|(?:lue )?aiheesta lisää|(?:meest|mest) (?:gelezen|lästa|leste|læste|lest)|luetuimmat|najczęściej czytane|nejčtenější|legolvasottabb|ilgili haberler|en çok okunanlar|související články|čtěte také|kapcsolódó cikkek|(?:as |os )?mais (?:lid|vist)[oa]s|(?:lo )?más (?:leíd|vist)[oa]s?|(?:i )?più (?:letti|visti)|(?:les )?plus lus|meistgelesen|популярное|etiquetas|schlagwörter|теги|тэги|mots-clés)[\s:.!]*$`)

// textControlLabels are the labels of a page's controls and of its ads,
// printed on a line of their own: a button that closes a box, the
// "Advertisement" over an ad. Inside a sentence they are words like any.
var textControlLabels = map[string]bool{
	"close": true, "schließen": true, "fermer": true, "cerrar": true, "chiudi": true, "zamknij": true, "fechar": true, "sluiten": true,
	"advertisement": true, "anzeige": true, "werbung": true, "publicité": true, "publicidad": true, "publicidade": true,
	"pubblicità": true, "reklama": true, "annonce": true, "advertentie": true, "mainos": true, "реклама": true,
	// A picture's, a player's and the page's buttons, labels of two to
	// four words none of which heads a section.
	"hide caption": true, "toggle caption": true, "show caption": true, "enlarge this image": true, "view gallery": true,
	"full screen": true, "fullscreen": true, "expand": true, "embed": true, "copy link": true, "link copied": true,
	"up next": true, "watch live": true, "open in app": true, "get the app": true, "gift this article": true,
	"save for later": true, "add to list": true, "paid content": true, "report an error": true, "caption": true,
	"back to gallery": true,
	"bild vergrößern": true, "vollbild": true, "link kopieren": true, "artikel verschenken": true, "später lesen": true,
	"plein écran": true, "copier le lien": true, "pantalla completa": true, "copiar enlace": true, "schermo intero": true,
}

// textGalleryCountRe matches a gallery's counter: "Image 1 of 5", "1/5",
// "Bild 3 von 12".
var textGalleryCountRe = lazyRegexp(`^(?:(?:image|photo|picture|slide|bild|foto|imagen|zdjęcie)\s+)?\d{1,3}[\s\x{a0}]*(?:(?:of|von|de|sur|di|z|van)[\s\x{a0}]*/?|/)[\s\x{a0}]*\d{1,3}$`)

// textInterstitialRe matches a line a page sets between an article's
// paragraphs for its players and ads, in the languages of Europe:
// "Continue reading the main story", "Article continues below",
// "Scroll to continue with content", "Listen to this article", "Play
// video", "Loading...", "Artikel wird unterhalb fortgesetzt", "La suite
// après cette publicité". Dropped on its own, wherever it stands.
var textInterstitialRe = lazyRegexp(`^(?:continue reading(?: the main story| below| the article)?|(?:the )?(?:article|story|content|text) continues (?:below|after (?:this |the )?(?:ad|advertisement))|scroll (?:down )?to continue(?: with content| reading)?|listen to (?:(?:this|the) )?(?:article|story)(?: \d+ min(?:utes?)?)?|(?:play|watch) (?:the )?video|loading\.*|click to expand\.*|read the full (?:story|article)|supported by|this article is more than \d+ (?:years?|months?) old|(?:der )?artikel (?:wird|geht) (?:unten |unterhalb |nach der (?:werbung|anzeige) )?(?:fortgesetzt|weiter)|weiterlesen nach (?:der )?(?:anzeige|werbung)|lesen sie (?:hier )?weiter|la suite (?:après|ci-dessous|de l'article)(?: cette publicité)?|continúa leyendo|sigue leyendo(?: abajo)?|continua a leggere|czytaj dalej|lees verder|leia mais abaixo|(?:reading time|read time|lesezeit|temps de lecture|tiempo de lectura)\s*:?\s*\d+\s*(?:min\.?|minutes?|minuten|minutos)|this material may not be published, broadcast, rewritten,? or redistributed(?: in whole or in part)?)[\s:.!…]*$`)

// textInterstitialStart reports whether low opens with a word
// textInterstitialRe's lines open with: the regexp is long, and most
// lines open otherwise.
func textInterstitialStart(low string) bool {
	w, _ := textFirstWord(low)
	return textInterstitialStarts[w]
}

// textInterstitialStarts are those first words.
var textInterstitialStarts = wordSet(strings.Fields(`continue the article story content text scroll listen play watch
	loading click read supported this der artikel weiterlesen lesen la continúa sigue continua czytaj lees leia reading
	lesezeit temps tiempo`)...)

// textFirstWord returns low's first word (letters only: "abonnez-vous"
// gives "abonnez") and what follows it.
func textFirstWord(low string) (word, rest string) {
	low = strings.TrimLeftFunc(low, func(r rune) bool { return !unicode.IsLetter(r) })
	i := strings.IndexFunc(low, func(r rune) bool { return !unicode.IsLetter(r) })
	if i < 0 {
		return low, ""
	}
	return low[:i], low[i:]
}

// textMaxInterstitialWords bounds such a line.
const textMaxInterstitialWords = 12

// textCookieNotice reports the site's notice of its cookies, in any
// language: a paragraph naming cookies, the site and what the reader
// allows ("This website uses cookies ... you accept", "Diese Website
// verwendet Cookies"), said to the reader or by the site ("you", "we")
// unless it is one short sentence. A recipe's cookies name no site; an
// article about cookie banners speaks of sites, not to its reader.
func textCookieNotice(low string, words int) bool {
	if words > textMaxCookieWords || !strings.Contains(low, "cookie") {
		return false
	}
	return textContainsAny(low, textCookieSiteWords) && textContainsAny(low, textCookieUseWords) &&
		(words <= textMinProseWords+4 || textCookiePersonRe().MatchString(low))
}

// textRightsNotice reports the site's notice of its rights, in any
// language: a short paragraph saying its material may not be reproduced
// ("This document is subject to copyright ... no part may be reproduced
// without the written permission"). An article about copyright says who
// reproduced what, not what may be.
func textRightsNotice(low string, words int) bool {
	return words <= textMaxRightsWords && textContainsAny(low, textReproWords) && textRightsRe().MatchString(low)
}

// textMaxRightsWords: a longer paragraph is no rights notice.
const textMaxRightsWords = 60

// textMaxDisclaimerWords: a longer paragraph is no site's disclaimer. A
// disclaimer runs longer than a rights notice: it goes on to the site's
// policies and its commissions ("... may not necessarily reflect the
// views of the site itself. For more information on our editorial
// policies ... All links on this site could lead to commissions ...").
const textMaxDisclaimerWords = 120

// textReproWords are the stems textRightsRe cannot match without.
var textReproWords = []string{"reproduc", "republish", "redistribut", "subject to copyright", "vervielfältig", "riprodu", "kopiowanie", "reproduç"}

// textRightsRe matches a prohibition of reproducing: "may not be
// reproduced", "no part may be reproduced", "may not be published,
// broadcast, rewritten or redistributed", "subject to copyright",
// "Vervielfältigung ... nicht gestattet", "reproduction interdite",
// "prohibida su reproducción", "riproduzione vietata".
var textRightsRe = lazyRegexp(`(?:may|must|shall|can)(?: not| only| in no way)? be (?:reproduced|republished|redistributed)|(?:may|must|shall|can) not be (?:[a-z]+, ){1,4}(?:[a-z]+ )?(?:or )?(?:reproduced|republished|redistributed)|subject to copyright|vervielfältigung[^.]{0,80}(?:nur mit|nicht gestattet|untersagt|ohne)|(?:nur mit|ohne)[^.]{0,60}genehmigung[^.]{0,60}vervielfältig|reproduction[^.]{0,40}interdite|prohibida[^.]{0,40}reproducci|reproducci[^.]{0,60}prohibida|riproduzione[^.]{0,40}(?:vietata|riservata)|kopiowanie[^.]{0,60}zabronione|reprodução[^.]{0,40}proibida`)

// textMaxCookieWords: a longer paragraph is no cookie notice.
const textMaxCookieWords = 150

// The stems by which a cookie notice names the site, and what the reader
// may allow or refuse.
var (
	textCookieSiteWords = []string{"site", "seite", "domain", "página", "strona", "stronie", "sito", "serwis", "witryn", "angebot"}
	textCookieUseWords  = []string{"accept", "agree", "consent", "einverst", "zustimm", "akzept", "ablehn", "einwillig", "datenschutz",
		"privacy", "settings", "einstellung", "opt-out", "enable", "disable", "verwende", "nutze", "benutz", "use", "utilis",
		"usamos", "utiliz", "acepta", "używa", "zgod", "ustawie", "privacidad", "confidentialit"}
)

// textCookiePersonRe matches the site speaking ("we", "wir", "nous") or
// speaking to its reader ("you", "Sie", "vous") in the languages of Europe.
var textCookiePersonRe = lazyRegexp(`\b(?:we|our|us|you|your|wir|unsere?[rnms]?|uns|sie|ihre?[rnms]?|du|dein\p{L}*|nous|notre|nos|vous|votre|vos|usted|nuestr[oa]s?|nosotros|tu|twoj\p{L}*|twój|my|nasz\p{L}*|państw\p{L}*)\b`)

// textThreadRe matches the count that heads a comment thread, with the
// article's title after it: "25 thoughts on “Title”", "11 Antworten zu
// „Titel“". (As a list item, in the header's links, it is no heading.)
var textThreadRe = lazyRegexp(`^\d+\s+(?:comments?|responses?|repl(?:y|ies)|thoughts|antworten|kommentare|comentários|comentarios|commentaires|commenti|réponses|respuestas|respostas|комментари\p{L}*|ответ\p{L}*)\s+(?:to|on|zu|auf|em|en|sur|a|su|para|de|на|к)\s`)

// textCountSentenceRe matches a thread's count written as a sentence:
// "There are 13 comments", "Es gibt 4 Kommentare". It heads the thread
// only over a comment's head (textClassifyCountSentences): a count link
// under a lede, or a sentence broken there, is no heading.
var textCountSentenceRe = lazyRegexp(`^(?:there (?:are|is|were) \d+ (?:comments?|responses?|replies)|(?:es gibt|bisher) \d+ kommentare?|il y a \d+ commentaires?|hay \d+ comentarios?)[\s:.!]*$`)

// textClassifyCountSentences makes a thread's count written as a
// sentence its heading when a comment's head (its writer and date, a
// reply form's heading) follows it.
func textClassifyCountSentences(units []textUnit) {
	for i := range units {
		u := &units[i]
		if u.prose || u.list || u.words > 8 || !textHasDigit(u.text) || !textCountSentenceRe().MatchString(strings.ToLower(strings.TrimSpace(u.text))) {
			continue
		}
		if n := textNextNonJunk(units, i); n < len(units) && (units[n].byline || units[n].stop) {
			u.stop = true
			u.score = textScore(u)
		}
	}
}

// textTeaserLineRe matches a link to another story that names it after
// a box heading on the same line ("Read also: ...", "Lea también: ...").
var textTeaserLineRe = lazyRegexp(`^(?:read (?:also|more|next)|also read|see also|related(?: \w+)?|more on this|also on \S+|lea también|lee también|vea también|(?:te|le) puede interesar|ver también|leia também|leia mais|veja também|(?:à )?lire aussi|voir aussi|lesen sie (?:auch|mehr)|auch interessant|mehr zum thema|leggi anche|читайте также|смотрите также)\s*[:|»]\s*\S`)

// textBylineRe matches a byline or a date line: what sits under a
// headline. Months are matched by the stems of their names in the
// languages of Western and Eastern Europe ("14. März 2020", "22 de
// outubro de 2010", "11 октября 2018").
var textBylineRe = lazyRegexp(`^[^\p{L}\p{N}]*(?:by|von|par|por|door|di|av|автор|text|текст)(?:[\s:]|$)|\b(?:published|updated|posted|last modified)\b|\b\d+\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b|^\W*(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2})\b|\b\d{1,2}[./]\d{1,2}[./]\d{4}\b|\b\d{1,2}:\d{2}\s*(?:am|pm)?\b|\b\d+\s*(?:min|minute|minutes)\s+read\b`)

// textElseDateRe matches, in the languages of Europe, a relative date
// ("vor 12 Stunden", "Hace 12 horas", "5 godzin temu": hours and days;
// "Hace 30 años" heads an anniversary piece) and a reading time
// ("Lesedauer: 8 Min."): byline lines as their English forms are. Apart
// from textBylineRe, and tried only on lines with its words, as every
// unanchored alternative there costs every line.
var textElseDateRe = lazyRegexp(`^\W*(?:vor|il y a|hace|há)\s+\d+\s+(?:sekunden|minuten|stunden|tagen|wochen|secondes?|minutes?|heures?|jours?|semaines?|segundos?|minutos?|horas?|d[ií]as?|semanas?)\b|^\W*\d+\s+(?:minut\w*|godzin\w*|dni|tygodni\w*)\s+temu\b|\b(?:lesezeit|lesedauer|temps de lecture|tiempo de lectura|tempo de leitura|tempo di lettura|czas czytania|leestijd)\b`)

// textElseDateWords are words textElseDateRe cannot match without.
var textElseDateWords = []string{"vor ", "il y a", "hace ", "há ", "temu", "lesezeit", "lesedauer", "lecture", "lectura", "leitura", "lettura", "czytania", "leestijd"}

// textDateRe matches a date written with a month's name, the day before
// or after it. (Apart from textBylineRe: one regexp of both runs on the
// slow matcher.)
var textDateRe = lazyRegexp(`(?:^|[^\p{L}])` + textMonth + ` \d{1,2},? \d{4}\b|^` + textMonth + ` \d{1,2}$|^\d{1,2}\.? ` + textMonth + `$|\b\d{1,2}\.?\s+(?:de\s+)?` + textMonth + `,?\s+(?:de\s+)?\d{4}\b`)

// textMonthStems are the first three or four letters of the months'
// names and abbreviations in the languages of Western and Eastern Europe.
var textMonthStems = strings.Fields(`jan feb mar apr may jun jul aug sep oct nov dec jän mär mai okt dez fév fev avr juin
	juil aoû déc ene abr ago dic set out gen mag giu lug ott mei maa sty lut kwi maj cze lip sie wrz paź lis gru
	янв фев мар апр мая май июн июл авг сен окт ноя дек`)

// textMonth matches a month's name or its abbreviation, by its stem.
var textMonth = `(?:` + strings.Join(textMonthStems, "|") + `)\p{L}*\.?`

// textMonthSet holds textMonthStems, for textHasMonth.
var textMonthSet = func() map[string]bool {
	m := make(map[string]bool, len(textMonthStems))
	for _, s := range textMonthStems {
		m[s] = true
	}
	return m
}()

// textHasMonth reports whether a word of low starts with a month's stem:
// textDateRe is slow, and most lines with a digit name no month.
func textHasMonth(low string) bool {
	for _, w := range strings.FieldsFunc(low, func(r rune) bool { return !unicode.IsLetter(r) }) {
		n := 0
		for k := range w {
			if n == 3 || n == 4 {
				if textMonthSet[w[:k]] {
					return true
				}
			}
			n++
		}
		if (n == 3 || n == 4) && textMonthSet[w] {
			return true
		}
	}
	return false
}

// textCreditRe matches a photo credit or a caption's source, or the
// label a screen reader is given for a caption ("Media caption"). (\b
// knows ASCII letters only: "Фото:" needs the letter class.)
var textCreditRe = lazyRegexp(`(?:\b(?:photo(?:graph)?|image|picture|illustration|video|credit|source|foto|bild|quelle|fuente|fonte|crédit|kuva|billede|fotó)|(?:^|[^\p{L}])(?:фото|источник|zdjęcie))s?\s*(?::|by\b|copyright\b)|\b(?:media|image|photo|video) caption|^(?:image|photo|picture|video) source\s*[,:]|\b(?:getty images|shutterstock|reuters|associated press|ap photo|afp|file photo)\b|^courtesy\b`)

// Words without one of which textCopyrightRe, textBylineRe,
// textCreditRe and textCaptionRe cannot match (textBylineRe also matches
// any line with a digit).
var (
	textCopyrightWords = []string{"©", "(c)", "copyright", "reserv", "защищены", "riservati", "vorbehalten"}
	textBylineWords    = []string{"by", "von", "par", "por", "door", "di", "av", "автор", "text", "текст", "published", "updated", "posted", "last modified"}
	textPhotoWords     = []string{"©", "photo", "image", "picture", "getty", "shutterstock", "caption"}
	textCreditWords    = []string{"photo", "kuva", "billede", "fotó", "zdjęcie", "image", "picture", "illustration", "video", "credit", "source", "caption", "foto", "фото", "getty", "shutterstock", "reuters", "associated press", "afp", "courtesy", "bild", "quelle", "fuente", "fonte", "crédit", "источник"}
)

// textContainsAny reports whether s contains one of subs.
func textContainsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func textHasDigit(s string) bool {
	return strings.ContainsAny(s, "0123456789")
}

// textCaptionRe matches the credit that ends a photo's caption, the
// words with which a caption points at its photo ("in this file photo",
// "pictured above"), or the label a page reads out before it ("Image
// caption Mourners attend ...", "Media captionWho is ...?"), or its
// credit's label glued to its last sentence ("... of its
// muscle.Credit...Jane Roe for The Times").
var textCaptionRe = lazyRegexp(`^(?:image|media|photo|picture|video) caption|[.!?"”)]\s?credit(?:\.{2,3}|…)|©|\b(?:photo|image|picture)s?\s*(?::|by\b|credit|copyright)|\b(?:getty images|shutterstock|ap photo|afp photo|reuters photo)\b|\b(?:file|stock|this|above) (?:photo|image|picture|photograph)\b|\(pictured\)|\bpictured(?: above| here| left| right| at| in| with| on)\b`)

// textByDateRe matches a byline with its date: "By Jane Roe and John Doe
// on Monday, November 18th, 2019", "Von Jane Roe, 4. März 2020"; or a
// date line alone, its year and time ending it ("posted on April 21,
// 2015, at 11:29 a.m.": a sentence "Posted on May 5 at 8 a.m., the video
// had ..." is the article's).
var textByDateRe = lazyRegexp(`^(?i:by|von|par|por|door|di|av) (?:\p{Lu}\S*\s*,?\s*(?:and |und |et |y |e )?){1,6}(?:on |am |le |el |il |, )?.{0,25}\d|^(?i:posted|published|updated|last updated)(?: on)? [^.]{0,30}?\b\d{4}\b,?(?: at)? \d{1,2}(?:[:.]\d{2})?\s*(?i:[ap]\.?m\.?)?$`)

// textCallRe matches the site's call to its reader, in the languages of
// Europe: an imperative that opens the line ("Subscribe now to ...",
// "Besuchen Sie unseren Fan-Shop!", "¡Mira lo que tiene nuestro canal"),
// its appeal for support ("Helfen Sie mit, …", "Support independent
// journalism", "Jetzt spenden!"), or a question about the site's own
// things ("Gefällt dir unser Magazin?", "Like this story?", "Lust auf
// mehr?", "Wenn Ihnen unser Artikel gefallen hat: …").
var textCallRe = lazyRegexp(`^[¡¿"“„»]?(?:please |bitte |jetzt |now )?(?:subscribe|sign up|download (?:the|our)|join (?:our|the \d+|the (?:hundreds|thousands))|follow us|visit our|get (?:the|our) (?:best|latest)|abonniere|abonnieren sie|registriere dich|registrieren sie sich|melde dich an|melden sie sich an|besuche unser\w*|besuchen sie unser\w*|folge uns|folgen sie uns|hol dir unser\w*|holen sie sich unser\w*|suscríbete|regístrate|descarga nuestr|síguenos|visita nuestr|mira lo que|abonnez-vous|inscrivez-vous|téléchargez notre|suivez-nous|zapisz się|subskrybuj|pobierz naszą|obserwuj nas|iscriviti|seguici|scarica la nostra|helfen sie mit|hilf mit|unterstützen sie (?:uns|unser\w*|diese\w*)|unterstütze (?:uns|unser\w*)|support (?:us|our (?:work|journalism|reporting)|independent journalism)|donate (?:now|today)|soutenez[- ](?:nous|notre)|faites un don|apoya (?:nuestro|el periodismo)|sostienici|wesprzyj nas)\b|^(?:gefällt (?:dir|ihnen|euch) (?:unser|dieser|der|das)|lust auf mehr|like this (?:story|article)|enjoy(?:ed)? (?:this|the) (?:story|article)|(?:did you )?(?:like|enjoy) what you (?:read|see)|wenn (?:dir|ihnen|euch) (?:unser|dieser|der|das)\w* (?:artikel|beitrag|text) gefallen hat|if you (?:liked|enjoyed) (?:this|the|our) (?:article|story|post)|we want to hear (?:from you|what you think)|jetzt spenden)\b`)

// textCallStart reports whether low opens with a word textCallRe may
// open with: the regexp is long, and most lines open otherwise.
func textCallStart(low string) bool {
	w, rest := textFirstWord(low)
	if textCallPolite[w] {
		w, _ = textFirstWord(rest)
	}
	return textCallWords[w]
}

// The first words of a call to the reader (textCallRe), after a "please".
var (
	textCallPolite = wordSet("please", "bitte", "jetzt", "now")
	textCallWords  = wordSet(strings.Fields(`subscribe sign download join follow visit get abonniere abonnieren registriere
		registrieren melde melden besuche besuchen folge folgen hol holen suscríbete regístrate descarga síguenos visita mira
		abonnez inscrivez téléchargez suivez zapisz subskrybuj pobierz obserwuj iscriviti seguici scarica gefällt lust like
		enjoy enjoyed did helfen hilf unterstützen unterstütze spenden support donate soutenez faites apoya sostienici wesprzyj
		wenn if we`)...)
)

// textLedCallRe matches a call to the reader led in by what it offers
// ("For the latest stories and breaking news updates download the
// Nationnews apps", "For more news, follow us on Twitter", "Pour ne rien
// manquer, suivez-nous", "Para más noticias, síguenos"): its verbs name
// the site's own channels (follow us, our newsletter, our app, the app
// for the phones), as an article's advice ("For the booster, download the
// state's health app") does not.
var textLedCallRe = lazyRegexp(`^(?:for|für|pour|para|per)\b[^.!?]{0,80}?\b(?:download[\s\x{a0}]+(?:our[\s\x{a0}]+(?:[^\s\x{a0}]+[\s\x{a0}]+){0,2}apps?\b|the[\s\x{a0}]+(?:[^\s\x{a0}]+[\s\x{a0}]+){0,2}apps?[\s\x{a0}]+(?:for|on)[\s\x{a0}]+(?:ios|android|iphone))|follow us|subscribe to our|sign up (?:for|to) our|join us on|folgen sie uns|folge uns|abonnieren sie unser|laden sie (?:sich )?unsere? app|suivez-nous|abonnez-vous|téléchargez (?:notre|l'application)|síguenos|suscríbete|descarga (?:nuestra|la) app|seguici|iscriviti alla nostra)`)

// textLedCall reports a call led in by what it offers (textLedCallRe),
// unless a colon or a quotation mark comes before its verb: "For anyone
// who missed Saturday, the group's message is simple: follow us on
// Facebook" reports what someone says.
func textLedCall(low string) bool {
	m := textLedCallRe().FindStringIndex(low)
	return m != nil && !strings.ContainsAny(low[:m[1]], ":\"“”„«»")
}

// textLedCallWords are the first words textLedCallRe may open with.
var textLedCallWords = wordSet("for", "für", "pour", "para", "per")

// textThankedCall reports a call to the reader led by the writer's
// thanks for reading ("Thanks for reading The Quiet Field! Subscribe for
// free to receive new posts", "Danke fürs Lesen! Abonniere ..."): the
// sentence after the thanks is the call textCallRe matches.
func textThankedCall(low string) bool {
	if !textContainsAny(low[:min(len(low), 40)], textReadingThanks) {
		return false
	}
	for i, r := range low {
		if (r == '!' || r == '.') && i+1 < len(low) && low[i+1] == ' ' {
			rest := strings.TrimSpace(low[i+1:])
			return textCallStart(rest) && textCallRe().MatchString(rest)
		}
	}
	return false
}

// textReadingThanks open a writer's thanks for reading, in the languages
// of Europe.
var textReadingThanks = []string{"thanks for reading", "thank you for reading", "danke fürs lesen", "danke für das lesen",
	"danke für ihr interesse", "merci d'avoir lu", "merci de votre lecture", "merci de m'avoir lu", "gracias por leer",
	"grazie per aver letto", "grazie per la lettura", "dzięki za przeczytanie", "dziękuję za przeczytanie", "obrigado por ler"}

// textFirstWordOf is low's first word.
func textFirstWordOf(low string) string {
	w, _ := textFirstWord(low)
	return w
}

// textMoreInfoRe matches the heading of a box of links to more on the
// topic ("Weitere Informationen", "More information", "Más
// información"), in several languages.
var textMoreInfoRe = lazyRegexp(`^(?:(?:weitere|mehr) informationen(?: zum thema)?|weiterführende (?:links|informationen)|more information|further information|useful links|plus d'informations?|más información|ulteriori informazioni|więcej informacji|meer informatie)[\s:.!]*$`)

// textMaxCallWords bounds a call to the reader.
const textMaxCallWords = 30

// textPostFooterRe matches the footer a blog's theme prints under each
// post, in the languages of Europe: "This entry was posted in News and
// tagged ...", "Der Beitrag wurde am ... veröffentlicht und wurde unter
// ... abgelegt", "Cette entrée a été publiée dans ...".
var textPostFooterRe = lazyRegexp(`^(?:this (?:entry|post) was (?:posted|published|filed)|(?:dieser|der) (?:eintrag|beitrag) wurde (?:am|in|unter|veröffentlicht)|cette entrée a été publiée|cet article a été publié dans|esta entrada (?:fue|foi|se) publicad|questa voce è stata pubblicata|questo articolo è stato pubblicato in|dit (?:bericht|item|artikel) is geplaatst|ten wpis został opublikowany|denna post publicerades|dette innlegget ble publisert|dette indlæg blev udgivet)\b`)

// textPrintNoteRe matches a paper's note that the article appeared in
// its print edition ("A version of this article appears in print on
// March 6, 2024, Section D, Page 3", "This article appeared in the print
// edition under the headline ...", "Dieser Artikel erschien in der
// gedruckten Ausgabe", "Cet article est paru dans l'édition du ...",
// "Este artículo apareció en la edición impresa"): the site's line, not
// the story's.
var textPrintNoteRe = lazyRegexp(`^(?:a version of )?this (?:article|story|piece) (?:appears|appeared|was published|first appeared) in (?:the )?(?:print|\S+ print edition|print edition)|^a version of this (?:article|story) appear(?:s|ed) in (?:the )?(?:print|\S+ print)|^(?:dieser|der) (?:artikel|beitrag|text) (?:ist|erschien) (?:zuerst )?in der (?:print|gedruckten)|^cet article (?:est paru|a été publié) dans (?:l'édition|le journal|notre édition) (?:papier|imprimée|du)|^(?:una versión de )?este artículo (?:se publicó|apareció|fue publicado) en (?:la edición impresa|papel)`)

// textPrintNoteCues: one of these is in every line textPrintNoteRe matches.
var textPrintNoteCues = []string{"print", "gedruckt", "édition", "journal", "impresa", "papel"}

// textPostFooterCues are the words of a post's footer, one of which it
// holds: where the post is filed and how to follow it.
var textPostFooterCues = []string{"permalink", "bookmark", "tagged", "categor", "kategorie", "abgelegt", "schlagw", "trackback", "rss",
	"kommentar", "comment", "étiquet", "etiquet", "archiviat", "gearchiveerd", "tagi", "taggad", "merket"}

// textLicenceCues name what a site's licence covers: the site, its texts,
// its content.
var textLicenceCues = []string{"this site", "this website", "this blog", "this work", "our site", "our content", "all content", "the content",
	"dieser webseite", "dieser website", "dieser seite", "dieses blog", "auf dieser", "inhalte", "texte", "ce site", "ce blog", "contenu",
	"este sitio", "este blog", "contenido", "questo sito", "questo blog", "contenuti", "este site", "deste site", "conteúdo", "tej strony", "treści"}

// textMaxPostFooterWords bounds a post's footer.
const textMaxPostFooterWords = 80

// textLicenceRe matches a site's licence: its content is "licensed
// under a Creative Commons" licence, in the languages of Europe.
var textLicenceRe = lazyRegexp(`(?:licensed|available) under (?:a |the )?creative[ -]commons|steh(?:t|en) unter (?:einer|der) creative[ -]commons|unterliegen (?:einer|der|dieser) creative[ -]commons|sous (?:une )?licence creative[ -]commons|bajo (?:una |la )?licencia creative[ -]commons|(?:sotto|con) (?:una |la )?licenza creative[ -]commons|sob (?:uma |a )?licença creative[ -]commons|na licencji creative[ -]commons`)

// textDisclaimerRe matches a site's disclaimer about what it prints, in
// the languages of Europe: its writers' views are not its own ("may not
// necessarily reflect the views of the site", "n'engagent que leurs
// auteurs", "geben die Meinung des Autors wieder"), it answers not for its
// contributors, its advertisers do not sway it ("advertisers do not
// influence our picks") or a disclaimer or disclosure says so.
var textDisclaimerRe = lazyRegexp(`\b(?:do(?:es)? not|don't|doesn't|not) (?:necessarily )?(?:reflect|represent) the (?:views?|opinions?|position)|\bnot (?:be )?(?:held )?(?:responsible|liable) for (?:the )?(?:opinions|views|content|comments|statements)|\badvertisers? (?:do(?:es)? not|don't|doesn't) influence|\b(?:advertising|advertiser|affiliate) (?:disclaimer|disclosure)|n'engagent que (?:leurs?|son|ses|l'|la)|ne (?:reflètent|représentent) pas (?:nécessairement )?(?:l'avis|l'opinion|les opinions|la position)|geben (?:nicht )?(?:unbedingt |immer |ausschließlich |lediglich )?die meinung (?:de[rs] )?(?:autors|autorin|autoren|verfasser\p{L}*|redaktion)|spiegel[nt] nicht (?:unbedingt |zwangsläufig |notwendigerweise )?die meinung|no (?:necesariamente )?refleja[n]? (?:la opinión|el punto de vista|la posición)|son (?:de )?(?:exclusiva )?responsabilidad (?:exclusiva )?de (?:sus|los) autor|non riflett\p{L}* (?:necessariamente )?(?:le opinioni|l'opinione|il punto di vista)|não reflete[m]? (?:necessariamente )?(?:a opinião|as opiniões|o ponto de vista)|nie (?:musi |muszą )?odzwierciedla\p{L}* (?:stanowiska|poglądów|opinii)`)

// textDisclaimerWords are words textDisclaimerRe cannot match without:
// the regexp is long and unanchored, and most lines hold none of them.
var textDisclaimerWords = []string{"reflect", "represent", "responsib", "liable", "influence", "disclaimer", "disclosure", "engagent",
	"reflètent", "meinung", "refleja", "riflett", "odzwierciedla"}

// textIdentifier reports a line that is one name of a program's or a
// file's, its words joined by underscores ("user_service",
// "config_prod.yaml").
func textIdentifier(s string) bool {
	return strings.IndexByte(s, '_') > 0 && strings.IndexFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("_.-/", r)
	}) < 0
}

// textDisclaimer reports a site's disclaimer: its phrase ("do not
// necessarily reflect the views", "not responsible for the content") with
// what it speaks of named as a word in it or right after it ("... of the
// site", "... of its authors"). A story reporting a statement ("do not
// reflect the views of the company", further on "the relevant
// authorities", "its website") names no such thing there.
func textDisclaimer(low string) bool {
	for _, m := range textDisclaimerRe().FindAllStringIndex(low, -1) {
		end := min(m[1]+textDisclaimerReach, len(low))
		for _, w := range strings.FieldsFunc(low[m[0]:end], func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
			if textDisclaimerCue(w) {
				return true
			}
		}
	}
	return false
}

// textDisclaimerReach is how far after a disclaimer's phrase what it
// speaks of may be named ("... reflect the views of the owners of this
// blog").
const textDisclaimerReach = 60

// textDisclaimerCue reports a word that names a site's things: one of
// textDisclaimerCues, or one of its forms ("authors", "websites",
// "advertisers"), but not a word that merely begins like one
// ("authorities").
func textDisclaimerCue(w string) bool {
	w = strings.TrimSuffix(w, "'s")
	for _, c := range textDisclaimerCues {
		if !strings.Contains(w, c) {
			continue
		}
		switch rest := w[strings.Index(w, c)+len(c):]; {
		case strings.HasPrefix(w, c) && (rest == "" || rest == "s" || rest == "es" || rest == "en" || rest == "in" || rest == "innen" || strings.HasPrefix(rest, "e") && len(rest) <= 3):
			return true
		case c == "site" && (w == "website" || w == "websites"):
			return true
		case len(c) >= 5 && strings.HasPrefix(w, c) && !strings.HasPrefix(rest, "it"):
			// A stem ("advertis", "redakc", "publicité"): its forms.
			return true
		}
	}
	return false
}

// textDisclaimerCues name what a disclaimer speaks of: the site, its
// writers, its advertisers. A company's word quoted in a story ("the
// comments do not reflect the views of its management") names none.
var textDisclaimerCues = []string{"author", "autor", "auteur", "autore", "contributor", "writer", "verfasser", "site", "blog", "webseite",
	"redaktion", "rédaction", "redacción", "redazione", "redakc", "publication", "advertis", "sponsor", "affiliate", "werb", "anzeige",
	"publicité", "publicidad", "pubblicità", "reklam"}

// textEndsWithTime reports a line ending in a time of day whose
// abbreviation ends it as a sentence would ("at 11:08 a.m.", "09:01 hrs.").
func textEndsWithTime(low string) bool {
	for _, suf := range []string{"a.m.", "p.m.", "hrs.", "hs."} {
		if strings.HasSuffix(low, suf) {
			return textHasDigit(low[max(0, len(low)-len(suf)-8):])
		}
	}
	return false
}

// textFilePhotoRe matches the opening of a news agency's caption: "FILE
// - In this Oct. 28, 2019, file photo, ...", "In this photo taken on ...".
var textFilePhotoRe = lazyRegexp(`^(?:file\s*[-–—]+\s*)?in this .{0,60}?\b(?:file |handout |undated )?photo(?:graph)?\b(?: taken| released| provided|,)`)

// textFramedCaptionWords bounds a caption between its picture and its
// credit.
const textFramedCaptionWords = 60

// textPlaceInPictureRe matches a person's place in a picture, in
// brackets after the name: "Jansen (l.)", "Renn (rechts)", "Hernández
// (izquierda)", "Dupont (à gauche)", "Smith (left)".
var textPlaceInPictureRe = lazyRegexp(`\p{Lu}[\p{L}.'-]* \((?:l\.|r\.|li\.|re\.|m\.|v\. ?l\.|links|rechts|mitte|left|right|centre|center|izq\.|izquierda|derecha|centro|à gauche|à droite|au centre|a sinistra|a destra|z lewej|z prawej)\)`)

// textLongCaptionWords bounds an agency's caption.
const textLongCaptionWords = 100

// textUnquoted returns s without the sentences it quotes: what it sets in
// double quotation marks of any language ("...", “...”, „...“, „...”, «...»,
// »...«), textMinQuotedWords words or more. A mark left unclosed ends
// nothing: the rest of s stays.
func textUnquoted(s string) string {
	// „ closes with “ in German and with ” in Polish and Romanian.
	closers := map[rune]string{'"': `"`, '“': "”", '„': "“”", '«': "»", '»': "«"}
	var b strings.Builder
	for {
		i := strings.IndexAny(s, "\"“„«»")
		if i < 0 {
			break
		}
		open, n := utf8.DecodeRuneInString(s[i:])
		j := strings.IndexAny(s[i+n:], closers[open])
		if j < 0 {
			break
		}
		_, m := utf8.DecodeRuneInString(s[i+n+j:])
		end := i + n + j + m
		if textWordCount(s[i+n:i+n+j]) < textMinQuotedWords {
			// A name or a button's label in quotes ("Pick Six
			// Newsletter"): the site's words still.
			b.WriteString(s[:end])
		} else {
			b.WriteString(s[:i])
			b.WriteByte(' ')
		}
		s = s[end:]
	}
	b.WriteString(s)
	return b.String()
}

const textMinQuotedWords = 4 // words of a quoted sentence, at least

// textWholeQuote reports whether s is one quotation in guillemets,
// opened first and closed last, either way round: set tight in its marks
// (»Der Islam gehört zu Deutschland«), or spaced as French sets it and
// textMinQuotedWords words long with no bar in it (« Zurück | Weiter » is
// a pair of arrows).
func textWholeQuote(s string) bool {
	return len(s) > 4 && textPairedGuillemets(s) == 2 &&
		(strings.HasPrefix(s, "«") && strings.HasSuffix(s, "»") || strings.HasPrefix(s, "»") && strings.HasSuffix(s, "«")) &&
		(textHuggedQuotes(s) == 2 || textWordCount(s) >= textMinQuotedWords && !strings.ContainsAny(s, "|/"))
}

// textPairedGuillemets counts the guillemets of s that pair up, « with »
// and ‹ with ›.
func textPairedGuillemets(s string) int {
	if !strings.ContainsAny(s, "«»‹›") {
		return 0
	}
	return 2*min(strings.Count(s, "«"), strings.Count(s, "»")) + 2*min(strings.Count(s, "‹"), strings.Count(s, "›"))
}

// textHuggedQuotes counts the guillemets of s that open and close a
// quotation touching its words: the opening mark followed by a letter or
// digit, the closing one after a letter, digit or sentence end, and no
// other guillemet between them.
func textHuggedQuotes(s string) int {
	if !strings.ContainsAny(s, "«»") {
		return 0
	}
	n := 0
	for {
		i := strings.IndexAny(s, "«»")
		if i < 0 {
			return n
		}
		open, size := utf8.DecodeRuneInString(s[i:])
		rest := s[i+size:]
		closer := "«"
		if open == '«' {
			closer = "»"
		}
		j := strings.IndexAny(rest, "«»")
		if j < 0 {
			return n
		}
		first, _ := utf8.DecodeRuneInString(rest)
		last, _ := utf8.DecodeLastRuneInString(rest[:j])
		if strings.HasPrefix(rest[j:], closer) && j > 0 && (unicode.IsLetter(first) || unicode.IsDigit(first)) &&
			(unicode.IsLetter(last) || unicode.IsDigit(last) || strings.ContainsRune(".!?…", last)) {
			n += 2
			s = rest[j+len(closer):]
			continue
		}
		s = rest
	}
}

// textStripPlaceholders blanks out what a dumper writes for an image, an
// icon or a form field: [logo], [                    ], [Search]. (A loop,
// not a regexp: a line of a million '[' must not take seconds.)
func textStripPlaceholders(s string) string {
	const maxLen = 200
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '[' {
			continue
		}
		j := strings.IndexByte(s[i+1:min(len(s), i+1+maxLen)], ']')
		if j < 0 {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteByte(' ')
		i += j + 1
		last = i + 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// textURLRe matches a bare web address.
var textURLRe = lazyRegexp(`(?i)\b(?:https?://|www\.)\S+`)

// The weights of the search for the article's run of prose. A prose unit
// earns its word count; anything else costs, so a run crosses a subhead or
// an advert between two paragraphs but not a menu of fifty links.
const (
	textMinProseWords      = 8   // fewer words than this is not a paragraph
	textRepeatedFactor     = 0.3 // prose repeated elsewhere in the dump costs this per word
	textLongProseWords     = 20  // this many words is prose even without a full stop
	textShortCost          = 3.0 // cost of a short non-prose line
	textWordCost           = 0.3 // plus this per word of it
	textJunkCost           = 4.0 // cost of a placeholder or a bare URL
	textBoilerFactor       = 0.6 // prose in the site's vocabulary costs this per word
	textStopCost           = 1e6 // nothing crosses the start of the comments
	textLoneFactor         = 0.5 // weight of a paragraph with no paragraph next to it
	textMinTableRows       = 3   // fewer rows than this are not a table
	textTableFactor        = 0.5 // weight of a word in a table
	textMinTitleWords      = 3   // "Home News" is not a headline
	textMinHeadlineWords   = 5   // a shorter line over a headline is a kicker
	textMaxTitleWords      = 30  // nor is a paragraph
	textMaxStandfirstWords = 60  // a longer paragraph is not a summary
	textMaxBoilerWords     = 300 // longer units are never the site's furniture
	textCaptionWords       = 40  // a credited sentence this long or shorter is a caption
	textAsideCost          = 20  // a box of related links costs more than a short paragraph earns
	textMaxKeptRun         = 6   // longest run of non-prose kept inside the body (subheads)
	textBoilerDensity      = 0.1 // site-vocabulary hits per word that make prose boilerplate
	textRepeatedShare      = 0.8 // share of a unit's word 4-grams found elsewhere that makes it a repeat
	textMinArticleWords    = 40  // fewer words of prose above the comments are not the article
	textHeaderUnits        = 4   // lines above the article that may be its header's furniture
	textCommentsGap        = 8   // most lines (share bars, tags) between an article and its comments heading
	textRecipeCardGap      = 24  // most lines of a recipe card's labels and figures (servings, times) over its lists
	textMaxCardLineWords   = 8   // longest such line ("Recipe by X Course: Main Cuisine: Chinese")
	textSplitRun           = 15  // this many lines without a paragraph end the article when less prose follows
	textTailShare          = 4   // prose after a site paragraph under a quarter of that before it is the site's
	textContactWords       = 40  // a longer paragraph with an e-mail address is the article's
	textMinListLines       = 6   // fewer unmarked lines under a dated headline are not a list article
)

// textClassify fills the features and scores of every unit.
func textClassify(units []textUnit) {
	seen := make(map[string]int, len(units))
	shingles := make(map[string]int)
	for _, u := range units {
		seen[strings.ToLower(u.text)]++
		for _, sh := range textShingles(u.text) {
			shingles[sh]++
		}
	}
	for i := range units {
		u := &units[i]
		u.words = textWordCount(u.text)
		stripped := u.text
		if strings.IndexByte(stripped, '[') >= 0 {
			stripped = textStripPlaceholders(stripped)
		}
		// The rules match lower-cased text: case-folding regexps are
		// several times slower.
		low := strings.ToLower(stripped)
		if strings.Contains(low, "http") || strings.Contains(low, "www.") {
			stripped = textURLRe().ReplaceAllString(stripped, " ")
			low = strings.ToLower(stripped)
		}
		stripped, low = strings.TrimSpace(stripped), strings.TrimSpace(low)
		realWords := textWordCount(stripped)
		u.junk = realWords == 0 || (realWords < 3 && realWords*2 < u.words) || textSeparatorLine(u.text) ||
			realWords <= 4 && textControlLabels[strings.Trim(low, " .:![]()×✕")]
		u.repeated = seen[strings.ToLower(u.text)] > 1
		if sh := textShingles(u.text); len(sh) >= 3 {
			dup := 0
			for _, x := range sh {
				if shingles[x] > 1 {
					dup++
				}
			}
			u.dup = float64(dup) / float64(len(sh))
			u.repeated = u.repeated || u.dup >= textRepeatedShare
		}
		u.words = realWords
		u.prose = textIsProse(stripped, realWords)
		if isServerError(low, realWords) || realWords <= textMaxInterstitialWords && textInterstitialStart(low) && textInterstitialRe().MatchString(low) ||
			realWords <= 4 && textHasDigit(low) && textGalleryCountRe().MatchString(low) {
			// A server's error message printed into the page, a
			// player's or an ad's line, a gallery's counter: dropped on
			// its own, wherever it stands.
			u.junk, u.prose = true, false
		}
		hits := 0
		if realWords <= textMaxBoilerWords {
			// The site's own lines are short; a long paragraph is never
			// furniture, whatever its words.
			hits = textBoilerHits(low)
			if hits > 0 && u.prose {
				// Words a paragraph quotes are someone's ("Kein
				// Abonnement erforderlich. Keine Werbung", schrieb die
				// NASA), not the site's.
				hits = textBoilerHits(textUnquoted(low))
			}
		}
		switch {
		case u.prose:
			// Guillemets that pair up in a paragraph quote someone
			// («Ach, bitte nicht»); they are no arrows.
			hits -= textPairedGuillemets(low)
			u.boiler = float64(hits) > textBoilerDensity*float64(realWords)+1 || textCookieNotice(low, realWords) || textRightsNotice(low, realWords)
		case textWholeQuote(low):
			// A heading that is a quotation («Storming the Sazerac»,
			// »Haltet unsere Gewässer sauber!«): its marks are no arrows.
			u.boiler = hits-textPairedGuillemets(low) > 0
		default:
			// A quotation set tight in its marks (Motto: »Haltet unsere
			// Gewässer sauber!«) is no pair of arrows: those stand apart
			// from their words ("« Zurück", "Weiter »").
			u.boiler = hits-textHuggedQuotes(low) > 0
		}
		if u.boiler && realWords <= 4 && textIdentifier(stripped) {
			// "user_service", "terms_of_use.md": a program's or a file's
			// name in a note, not a link of the site's.
			u.boiler = false
		}
		if !u.prose && realWords <= 4 && (strings.Contains(low, "inform") || strings.Contains(low, "links")) && textMoreInfoRe().MatchString(low) {
			// "Weitere Informationen", "More information:", "Más
			// información": the heading of the site's links under a
			// page. It leaves out its box (the run it heads) but weighs
			// no more than a short line, not as an aside: a box of it may
			// stand inside an article that goes on below.
			u.boiler = true
		}
		if !u.boiler && realWords <= textMaxCallWords && (textCallStart(low) && textCallRe().MatchString(low) ||
			textLedCallWords[textFirstWordOf(low)] && textLedCall(low) || textThankedCall(low)) {
			u.boiler = true
		}
		// A site's licence for what it prints ("Texte auf dieser Webseite
		// stehen unter einer Creative Commons ..."), its disclaimer ("die
		// Beiträge geben die Meinung der Autoren wieder") and a blog's
		// post footer (where the post was filed, how to follow its
		// comments) are written as sentences; on a short post they outweighed it.
		// Each names the site's things, as an article's sentence about a
		// licence or a fee ("Der Beitrag wurde … erhöht") does not; and
		// neither is a page's sign by itself (siteLine): a note may say
		// its photos are under a Creative Commons licence.
		if u.prose && realWords <= textMaxRightsWords && strings.Contains(low, "creative") && textContainsAny(low, textLicenceCues) && textLicenceRe().MatchString(low) ||
			u.prose && realWords <= textMaxPostFooterWords && textContainsAny(low, textPostFooterCues) && textPostFooterRe().MatchString(low) ||
			realWords <= textMaxPostFooterWords && textContainsAny(low, textPrintNoteCues) && textPrintNoteRe().MatchString(low) ||
			u.prose && realWords <= textMaxDisclaimerWords && textContainsAny(low, textDisclaimerWords) && textContainsAny(low, textDisclaimerCues) && textDisclaimer(low) {
			u.boiler, u.siteLine = true, true
		}
		// Cheap tests of a word each regexp needs go first: the
		// regexps backtrack, and most lines match none of them. A
		// list item is a share bar's or a menu's link to the comments,
		// no heading over them.
		u.stop = !u.prose && (!u.list && realWords <= 8 && textEndRe().MatchString(low) ||
			!u.list && realWords <= textMaxTitleWords && textHasDigit(low) && textThreadRe().MatchString(low) ||
			realWords <= 20 && textContainsAny(low, textCopyrightWords) && textCopyrightRe().MatchString(low) ||
			realWords <= 8 && textFeedbackLine(low) ||
			!u.list && realWords <= 8 && textContainsAny(low, textThreadWords) && textGluedThreadHeading(low))
		u.stop = u.stop || !u.prose && realWords <= 8 && textContainsAny(low, textSignInWords) && textSignInRe().MatchString(low)
		u.aside = !u.prose && realWords <= 8 && textAsideRe().MatchString(low)
		if !u.aside && realWords <= textMaxTitleWords && strings.IndexAny(low, ":|»") > 0 && textTeaserLineRe().MatchString(low) {
			// "Read also: Another Story's Headline": a link to
			// another page, set inside the article.
			u.boiler, u.teaser = true, true
		}
		if u.prose && realWords <= 20 && textEndsWithTime(low) && textHasMonth(low) && textByDateRe().MatchString(stripped) {
			// "By Jane Roe on Monday, November 18th, 2019 at 11:08
			// a.m.", "posted on April 21, 2015, at 11:29 a.m.": a
			// byline, though its "a.m." ends it as a sentence.
			u.prose = false
		}
		u.byline = !u.prose && realWords <= 20 && (textHasDigit(low) && textHasMonth(low) && textDateRe().MatchString(low) ||
			(textHasDigit(low) || textContainsAny(low, textBylineWords)) && textBylineRe().MatchString(low) ||
			textHasDigit(low) && textContainsAny(low, textElseDateWords) && textElseDateRe().MatchString(low))
		if !u.byline && !u.prose && realWords <= 8 && textHasDigit(low) && textCaseJoins(stripped) > 0 {
			// A source glued to its date by the copy ("Yahoo
			// FinanceOctober 13, 2016"): a date line still.
			u.byline = textDateRe().MatchString(strings.ToLower(textUnglue(stripped)))
		}
		u.meta = u.byline || !u.prose && realWords <= 20 && textContainsAny(low, textCreditWords) && textCreditRe().MatchString(low)
		if u.prose && (realWords <= textCaptionWords && (textContainsAny(low, textPhotoWords) || strings.Contains(low, "credit")) && textCaptionRe().MatchString(low) ||
			realWords <= textLongCaptionWords && strings.Contains(low, "photo") && textFilePhotoRe().MatchString(low)) {
			u.meta = true
			// A caption: a sentence about a photo, with its credit;
			// or the agencies' long caption of a file photo ("FILE - In
			// this Monday, Oct. 28, 2019, file photo, ...").
			u.prose = false
		}
		if realWords <= textCaptionWords && strings.IndexByte(low, '(') >= 0 && textPlaceInPictureRe().MatchString(stripped) {
			// "Marcell Jansen (l.) und Piotr Trochowski haben einen
			// guten Draht", "Ortwin Renn (rechts) und Stefan Stückrad
			// (links) vor dem Effizienzhaus": where a person stands in
			// the picture is said in its caption, not in an article's
			// sentence.
			u.meta, u.prose = true, false
		}
		if (u.byline || u.meta) && textPostSignature(u.text) {
			// A quoted post's signature is the article's, not its byline.
			u.byline, u.meta = false, false
		}
		u.score = textScore(u)
	}
	textClassifyDoubles(units, seen)
	textClassifyContents(units, seen)
	textClassifyRepeatedRuns(units, seen)
	textClassifyRunTogether(units, seen)
	textClassifyThread(units)
	textClassifyCommentsLinks(units)
	textClassifySignIn(units)
	textClassifyCountSentences(units)
	textClassifyCaptions(units)
	textClassifyTables(units)
	textClassifyCutTitles(units)
	textClassifyGluedTitles(units)
	textClassifyRecommends(units)
	textClassifyBoxItems(units)
	textClassifyClauseLists(units)
	textClassifyQuotedLines(units)
	textClassifyReferences(units)
	textClassifyCode(units)
	textClassifyFormText(units)
	// A paragraph stands among paragraphs; a lone blurb between headlines
	// and dates is a teaser for another page, or a comment.
	for i := range units {
		if units[i].score <= 0 {
			continue
		}
		prev := i > 0 && units[i-1].prose && !units[i-1].boiler
		next := i+1 < len(units) && units[i+1].prose && !units[i+1].boiler
		if !prev && !next {
			units[i].score *= textLoneFactor
		}
	}
	textClassifySlides(units)
	textClassifyCharts(units)
}

// textClassifyCharts finds a chart set between the article's paragraphs:
// its axis labels, one to a line in a browser's copy ("$900", "billion",
// "’17", "4.5%"), textMinChartLabels or more of them, three in four of the
// block's lines, with a paragraph within textChartEdge lines above and
// below (the chart's title over it, its credit under it), one in four of
// the labels more than a bare number (an amount, a share, a year's "’17",
// a magnitude: pagination's "1", "2" ... "10" are no chart). Forty such
// lines outweighed the sections around them; they are placeholders now
// (left out, costing nothing, and no sign of a web page: a note's list of
// amounts is a note's), and the chart's title and credit cost nothing, so
// the run goes through.
func textClassifyCharts(units []textUnit) {
	for a := 0; a < len(units); a++ {
		if !textChartLabel(units[a]) {
			continue
		}
		labels, marked, lines, b := 0, 0, 0, a
		for k := a; k < len(units) && !units[k].prose && (textChartLabel(units[k]) || k-b <= textChartEdge); k++ {
			if textChartLabel(units[k]) {
				labels, b = labels+1, k
				if strings.Trim(units[k].text, "0123456789 ") != "" {
					marked++
				}
			}
			if !units[k].junk {
				lines++
			}
		}
		above, below := textProseWithin(units, a, -1), textProseWithin(units, b, 1)
		if labels < textMinChartLabels || 4*labels < 3*lines || 4*marked < labels || above < 0 || below < 0 {
			a = b
			continue
		}
		for k := above + 1; k < below; k++ {
			u := &units[k]
			if textChartLabel(*u) {
				u.junk, u.chart = true, true
			}
			u.score = 0
		}
		a = below
	}
}

// textProseWithin returns the paragraph within textChartEdge lines of k
// going in direction dir (-1 up, 1 down), or -1.
func textProseWithin(units []textUnit, k, dir int) int {
	for n, i := 0, k+dir; n < textChartEdge && i >= 0 && i < len(units); n, i = n+1, i+dir {
		if u := units[i]; u.prose && !u.boiler {
			return i
		}
		if u := units[i]; u.stop || u.aside {
			return -1
		}
	}
	return -1
}

// A chart has this many axis labels or more; its title over them and its
// credit under them take this many lines at most.
const (
	textMinChartLabels = 8
	textChartEdge      = 3
)

// textChartLabel reports a chart's axis label: a line of three words at
// most, each a number, an amount, a share, a year's last digits or a
// magnitude ("$915", "billion", "’17", "4.5%").
func textChartLabel(u textUnit) bool {
	if u.prose || u.words > 3 || !textHasDigit(u.text) && !textMagnitudes[strings.ToLower(strings.TrimSpace(u.text))] {
		return false
	}
	for _, f := range strings.Fields(u.text) {
		if !textChartTokenRe().MatchString(f) && !textMagnitudes[strings.ToLower(f)] {
			return false
		}
	}
	return strings.TrimSpace(u.text) != ""
}

// textChartTokenRe matches a number on a chart's axis: "600", "$1.2",
// "-3.5%", "’17", "'08", "2,000".
var textChartTokenRe = lazyRegexp(`^(?:[-+−–]?[$€£¥]?\d[\d.,]*(?:%|[kmb]n?)?|[’']\d{2}|%)$`)

// textMagnitudes are the words a chart writes under its amounts.
var textMagnitudes = wordSet("billion", "million", "trillion", "thousand", "percent", "bn", "mn", "mrd", "mio", "milliarden", "millionen", "milliards", "millions", "millones")

// textClassifyRecommends marks "DW recommends", "We recommend" as the
// heading of a box of other stories when a headline, not a paragraph,
// comes under it: over a paragraph it is the article's subhead ("CDC
// recommends" in a story on vaccines, "We recommend" in a buyer's guide).
func textClassifyRecommends(units []textUnit) {
	for i := range units {
		u := &units[i]
		if u.prose || u.aside || u.words > 3 || !strings.Contains(strings.ToLower(u.text), "recommend") || !textRecommendsRe().MatchString(strings.ToLower(u.text)) {
			continue
		}
		if n := textNextNonJunk(units, i); n < len(units) && !units[n].prose {
			u.aside = true
		}
	}
}

// textRecommendsRe matches a box's heading naming who recommends.
var textRecommendsRe = lazyRegexp(`^(?:\pL+ recommends|we recommend)[\s:.!]*$`)

// textClassifyCutTitles marks a box of links to other stories whose
// titles the site cut short ("For activists, recent setbacks temper long-
// term hopes …"): textMinCutTitles lines or more in a row, each ending in
// an ellipsis after a space. A browser's copy gives them no bullets, so
// each read as a paragraph; a writer who trails off with "..." does so in
// a paragraph or two, not in every one of a column of short ones.
func textClassifyCutTitles(units []textUnit) {
	cut := func(u textUnit) bool {
		return !u.list && !u.table && u.words <= textMaxCutTitleWords &&
			(strings.HasSuffix(u.text, " …") || strings.HasSuffix(u.text, " ..."))
	}
	for i := 0; i < len(units); {
		j := i
		for j < len(units) && cut(units[j]) {
			j++
		}
		if j-i >= textMinCutTitles {
			for k := i; k < j; k++ {
				u := &units[k]
				u.prose, u.teaser = false, true
				u.score = textScore(u)
			}
		}
		i = max(j, i+1)
	}
}

// textClassifyGluedTitles marks a menu's or a grid's teasers that the
// dumper wrote with each link's title run into its blurb ("GottWer Gott
// ist und was er ...", "Die BibelGrundlage des christlichen Glaubens ...",
// "PoliticsThe latest on ..."): textMinGluedTitles paragraphs or more in a
// stretch, each with a small letter glued to a capital in its first
// words, and no other paragraph between them. Each read as prose, and a
// mega-menu's blurbs outweighed the article. A writer's paragraph opens
// with such a join only by a name ("McDonald's", "YouTube"), and never
// paragraph after paragraph.
func textClassifyGluedTitles(units []textUnit) {
	glued := func(u textUnit) string {
		if !u.prose || u.table || u.words > textMaxGluedWords || textCaseJoins(u.text) == 0 {
			return ""
		}
		// The glued word is two words of letters, the first
		// capitalised ("BibelGrundlage"): not "iPhone", nor a
		// program's "nggGallery::i18n()". The words before it are a
		// title's, capitalised but for short particles ("Kirche &
		// BildungBildung", "Health and ScienceWhat"): not a sentence's
		// ("I put it on GitHub").
		f := strings.Fields(u.text)
		for k := 0; k < len(f) && k < textGluedReach; k++ {
			if textCaseJoins(f[k]) == 0 {
				r, _ := utf8.DecodeRuneInString(f[k])
				if unicode.IsLower(r) && utf8.RuneCountInString(f[k]) > 3 && k > 0 {
					return ""
				}
				continue
			}
			w := strings.TrimRight(f[k], ".,;:!?…\"'”’»)")
			r, _ := utf8.DecodeRuneInString(w)
			if k+1 < len(f) && textGluedVerbs[f[k+1]] {
				return "" // a name the sentence goes on from: "OpenAI said"
			}
			if unicode.IsUpper(r) && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) < 0 {
				return w
			}
			return ""
		}
		return ""
	}
	for i := 0; i < len(units); {
		w := glued(units[i])
		if w == "" {
			i++
			continue
		}
		// Each teaser's title is its own: one name glued in paragraph
		// after paragraph ("GitHub"), is a piece about it.
		words := map[string]bool{w: true}
		group := []int{i}
		last := i
		for k := i + 1; k < len(units) && k-last <= textGluedGap; k++ {
			u := units[k]
			if w := glued(u); w != "" {
				words[w] = true
				group = append(group, k)
				last = k
				continue
			}
			if u.prose && textCaseJoins(u.text) == 0 {
				break // a paragraph between: no stretch of teasers
			}
		}
		if len(group) >= textMinGluedTitles && 3*len(words) >= 2*len(group) {
			for _, k := range group {
				u := &units[k]
				u.prose, u.teaser = false, true
				u.score = textScore(u)
			}
		}
		i = last + 1
	}
}

// textGluedVerbs are the verbs a sentence goes on with after a name
// written in camel case ("OpenAI said", "TikTok has", "DeSantis will"),
// as a teaser's title run into its blurb does not.
var textGluedVerbs = wordSet("said", "says", "has", "had", "have", "is", "was", "were", "will", "would", "told", "announced",
	"plans", "can", "could", "may", "also", "added", "declined", "sagte", "sagt", "hat", "hatte", "ist", "war", "wird", "kann",
	"a", "est", "dit", "va", "ha", "es", "dijo", "fue", "è", "jest", "powiedział")

// A stretch of glued teasers holds textMinGluedTitles of them or more, at
// most textGluedGap lines apart; a title is glued within its first
// textGluedReach words, and a teaser's blurb holds textMaxGluedWords
// words at most.
const (
	textMinGluedTitles = 5
	textGluedGap       = 4
	textGluedReach     = 6
	textMaxGluedWords  = 120
)

// textClassifyBoxItems marks the links under a box's heading ("Related
// articles") that a browser's copy gives no bullets: the headlines right
// under it, up to the first sentence. A headline ends without a full stop,
// or is cut short ("... as Hurri..."); the article goes on with a
// sentence.
func textClassifyBoxItems(units []textUnit) {
	for i, u := range units {
		if !u.aside {
			continue
		}
		for k := i + 1; k < len(units) && k <= i+textMaxBoxLinks; k++ {
			v := &units[k]
			s := strings.TrimSpace(v.text)
			cut := strings.HasSuffix(s, "...") || strings.HasSuffix(s, "…")
			if v.list || v.table || v.aside || v.words < 4 || v.words > textMaxTitleWords || textEndsSentence(s) && !cut {
				break
			}
			v.prose, v.teaser = false, true
			v.score = textScore(v)
		}
	}
}

// textMaxBoxLinks is the most links a box's heading is read over.
const textMaxBoxLinks = 6

// textMinCutTitles is the fewest cut titles in a box of them, and
// textMaxCutTitleWords the longest such title.
const (
	textMinCutTitles     = 3
	textMaxCutTitleWords = 20
)

// textStepWords name a method's step in the languages of Europe: a
// series of "Episode 1", "Page 2" or "Folge 3" is a box of links, no
// method.
var textStepWords = map[string]bool{"step": true, "schritt": true, "krok": true, "paso": true, "étape": true, "etape": true,
	"passo": true, "passaggio": true, "stap": true, "steg": true, "trin": true, "vaihe": true, "lépés": true, "шаг": true}

// textClassifySlides finds a slideshow: a gallery's counters "1/5",
// "2/5" ... in order, three or more, each slide's heading, picture,
// credit and text between them. Its paragraphs are the article (a news
// site's "5 things to know"), though each stands alone among the
// slide's lines and its heading is printed twice: they count whole, the
// slide's lines cost nothing, so the run goes through the slides.
//
// A guide's or a recipe's steps are read so too: each under its heading
// "Step 1", "Krok 2", "Schritt 3" ..., in order, often with a picture's
// caption, their short paragraphs each alone among those lines.
func textClassifySlides(units []textUnit) {
	type counter struct {
		at, k, n int
		word     string // a step's word ("step", "krok"); "" for a gallery's counter
	}
	var cs []counter
	for i, u := range units {
		if !u.junk && !u.prose && u.words <= 3 {
			if w, num, ok := textSeriesKey(strings.TrimRight(u.text, ".:")); ok && strings.Trim(num, "0123456789") == "" && textStepWords[strings.ToLower(w)] {
				k, _ := strconv.Atoi(num)
				cs = append(cs, counter{i, k, 0, w})
			}
			continue
		}
		if !u.junk || u.words > 4 || !textHasDigit(u.text) || !textGalleryCountRe().MatchString(strings.ToLower(u.text)) {
			continue
		}
		nums := strings.FieldsFunc(u.text, func(r rune) bool { return r < '0' || r > '9' })
		if len(nums) != 2 {
			continue
		}
		k, _ := strconv.Atoi(nums[0])
		n, _ := strconv.Atoi(nums[1])
		cs = append(cs, counter{i, k, n, ""})
	}
	for a := 0; a < len(cs); {
		b := a + 1
		for b < len(cs) && cs[b].n == cs[a].n && cs[b].word == cs[a].word && cs[b].k == cs[b-1].k+1 && cs[b].at-cs[b-1].at <= textSlideLines {
			b++
		}
		if b-a < textMinSlides || cs[a].k != 1 {
			a = b
			continue
		}
		// The last slide ends with its paragraph.
		end := cs[b-1].at
		for k := end + 1; k < len(units) && k <= cs[b-1].at+textSlideLines; k++ {
			if units[k].prose && !units[k].boiler {
				end = k
				break
			}
		}
		for k := cs[a].at; k <= end; k++ {
			u := &units[k]
			switch {
			case u.stop || u.aside || u.boiler:
			case u.prose && !u.repeated:
				u.score = float64(u.words)
			default:
				u.score = 0
			}
		}
		a = b
	}
}

// A slideshow has this many slides or more, each of this many lines or
// fewer.
const (
	textMinSlides  = 3
	textSlideLines = 12
)

func textScore(u *textUnit) float64 {
	switch {
	case u.stop:
		return -textStopCost
	case u.aside:
		return -textAsideCost
	case u.junk:
		return -textJunkCost
	case u.prose && u.repeated:
		return -textRepeatedFactor * float64(u.words)
	case u.prose && u.boiler:
		return -textBoilerFactor * float64(u.words)
	case u.prose:
		// Words repeated elsewhere (a headline inside every teaser) do
		// not count as the article's.
		w := float64(u.words) * (1 - u.dup*(1+textRepeatedFactor))
		if u.list {
			w *= 0.7
		}
		return w
	default:
		c := textShortCost + textWordCost*float64(u.words)
		if u.boiler || u.repeated {
			c += textShortCost
		}
		return -c
	}
}

// textClassifyThread finds a comment thread without a heading by its
// items: two lines or more of a name and "says:" ("kakadu sagt:", "Jane
// says:", "Marie dit :"). The first opens the thread: nothing after it is
// the article's.
func textClassifyThread(units []textUnit) {
	first, n := -1, 0
	for i, u := range units {
		// A comment's head has its date under it; an article's "The
		// mayor says:" over a quote has the quote.
		dated := false
		for k := i + 1; k < len(units) && k <= i+2; k++ {
			if !units[k].junk {
				dated = units[k].byline
				break
			}
		}
		if dated && !u.prose && u.words >= 2 && u.words <= textSaysWords && strings.HasSuffix(u.text, ":") && textSaysRe().MatchString(strings.ToLower(u.text)) {
			if first < 0 {
				first = i
			}
			n++
		}
	}
	if n >= 2 {
		u := &units[first]
		u.stop = true
		u.score = textScore(u)
		return
	}
	if h := textNamedThread(units); h >= 0 {
		u := &units[h]
		u.stop = true
		u.score = textScore(u)
	}
}

// textMaxAboveCommentsLink is the most paragraphs over a share bar's
// comments link: a standfirst and a caption.
const textMaxAboveCommentsLink = 2

// textClassifyCommentsLinks finds a share bar's link to the thread
// ("Share", "Comments") set between the standfirst and the article's
// first paragraph: a bare comments label, no heading, with a short line
// of the site's by it, a paragraph right above it and paragraphs right
// under it that no comment's head (its writer, its date) opens. It is the
// site's line, not the thread's start: the article goes on under it.
func textClassifyCommentsLinks(units []textUnit) {
	for s := 1; s+1 < len(units); s++ {
		u := &units[s]
		if !u.stop || u.list || u.words > 3 || !textEndRe().MatchString(strings.ToLower(u.text)) {
			continue
		}
		bar := false
		for _, k := range []int{s - 1, s + 1} {
			if b := units[k]; b.boiler && !b.stop && !b.prose && b.words <= 3 {
				bar = true
			}
		}
		above := false
		for k := s - 1; k >= 0 && k >= s-3; k-- {
			if a := units[k]; a.prose && !a.boiler && !a.list {
				above = true
				break
			}
		}
		// Under the standfirst, not under the article's paragraphs:
		// there a bare "Comments" heads the thread.
		paras := 0
		for k := 0; k < s; k++ {
			if a := units[k]; a.prose && !a.boiler && !a.list {
				paras++
			}
		}
		if !bar || !above || paras > textMaxAboveCommentsLink {
			continue
		}
		first := s + 1
		for first < len(units) && first <= s+2 && (units[first].junk || units[first].boiler && !units[first].prose) {
			first++
		}
		if first >= len(units) || !units[first].prose || units[first].list || units[first].words < textMinCommentsLinkWords {
			continue
		}
		paras, head := 0, false
		for k := first; k < len(units) && k < first+4; k++ {
			// A comment's head: its writer and date ("Jane on May 2,
			// 2019 said:").
			c := units[k]
			if c.meta || c.byline || c.stop || c.words <= 2*textSaysWords && strings.HasSuffix(c.text, ":") {
				head = true
				break
			}
			if c.prose && !c.boiler && !c.list {
				paras++
			}
		}
		if head || paras < 3 {
			continue
		}
		u.stop, u.boiler = false, true
		u.score = textScore(u)
	}
}

// textMinCommentsLinkWords is the fewest words of the paragraph that
// opens an article under a share bar's comments link.
const textMinCommentsLinkWords = 20

// textNamedThread finds a comment thread whose comments are headed by
// the writer's name alone on its line, over the date and time it was
// posted ("Jane Roe" / "14. 01. 2020, 13:47" / the comment), as most
// comment systems print them without a "says:". It takes
// textMinThreadHeads such heads of textMinThreadHeads writers or more,
// each no further than textThreadHeadGap units from the next: an
// article's own byline over its date is one name, and it stands over
// more prose than there is above it, as no comment under an article
// does. A live blog's entries carry a time but no year; a quoted post's
// date stands under its text. It returns the first comment's head, or
// -1.
func textNamedThread(units []textUnit) int {
	var heads []int
	for i := range units {
		if textCommentHead(units, i) {
			heads = append(heads, i)
		}
	}
	for a := 0; a < len(heads); {
		b := a + 1
		for b < len(heads) && heads[b]-heads[b-1] <= textThreadHeadGap {
			b++
		}
		if b > a+1 && textProseWords(units[:heads[a]]) < textProseWords(units[heads[a]:heads[a+1]]) {
			// More prose under the first head than over it: the
			// article's byline over the article, not a comment under it.
			a++
			continue
		}
		names := make(map[string]bool)
		for _, h := range heads[a:b] {
			names[strings.ToLower(units[h].text)] = true
		}
		if len(names) >= textMinThreadHeads && textThreadSigned(units, max(0, heads[a]-textThreadSignGap), heads[a+1]) {
			return heads[a]
		}
		a = b
	}
	return -1
}

// textThreadSigned reports whether units[i:j], the lines over a thread's
// first head and under it to the next, name the comments: a heading
// ("Leserkommentare", "So können Sie kommentieren:") or a comment's
// reply link ("Reply", "Antworten"). A pasted exchange of letters or
// mails, each under its sender's name and date, has none.
func textThreadSigned(units []textUnit, i, j int) bool {
	for k := i; k < j; k++ {
		if u := units[k]; !u.prose && u.words <= textMaxCommentDateWords && textContainsAny(strings.ToLower(u.text), textThreadWords) && (u.stop || u.words <= 3) {
			return true
		}
	}
	return false
}

// textCommentHead reports a comment's head at i: a name of a few words
// (no digits, no handle, no site's label), its date with a year and a
// time of day right under it, and the comment's prose under that.
func textCommentHead(units []textUnit, i int) bool {
	u := units[i]
	if u.prose || u.words == 0 || u.words > textMaxCommentNameWords || u.byline || u.meta || u.boiler || u.junk || u.stop ||
		strings.HasPrefix(u.text, "@") || textHasDigit(u.text) || textEndsSentence(u.text) {
		return false
	}
	k := textNextNonJunk(units, i)
	if k >= len(units) || !units[k].byline || units[k].words > textMaxCommentDateWords || !textClockYearRe().MatchString(units[k].text) {
		return false
	}
	for n := k + 1; n < len(units) && n <= k+2; n++ {
		if units[n].prose {
			return true
		}
	}
	return false
}

// textClockYearRe matches a comment's date: a year and a time of day.
var textClockYearRe = lazyRegexp(`\b(?:19|20)\d\d\b.*\b\d{1,2}:\d{2}\b|\b\d{1,2}:\d{2}\b.*\b(?:19|20)\d\d\b`)

const (
	textMinThreadHeads      = 3  // fewer named heads (or writers) are no thread
	textThreadSignGap       = 15 // most units over a thread's first head to its heading
	textThreadHeadGap       = 40 // most units from one comment's head to the next
	textMaxCommentNameWords = 4  // a commenter's name or nickname
	textMaxCommentDateWords = 12 // a comment's date line, with its reply links
)

// textSaysWords bounds the words of a comment's "Name says:" line.
const textSaysWords = 6

// textSaysRe matches the line that heads a comment with its writer's
// name, as blogs write it: "Name says:" in the languages of Europe. (A
// forum's "Name said:" or "Name schrieb:" heads a quote inside a post.)
var textSaysRe = lazyRegexp(`\s(?:says|sagt|dit|dice|disse|zegt|skriver|sier|siger|mówi|říká)\s?:$`)

// textClassifyDoubles keeps one copy of a paragraph the dump prints twice
// a few lines apart, as a page does that writes its lead or a block of
// its text once for each screen size: the copies are the article's, not a
// teaser's repeats, and the last one, next to what follows, counts. (A
// picture's alt text right over its caption, the same words, is no such
// copy, and a headline printed twice is the title.) seen counts each
// lower-cased text of units.
func textClassifyDoubles(units []textUnit, seen map[string]int) {
	for i := range units {
		u := &units[i]
		if !u.prose || !u.repeated || u.boiler || seen[strings.ToLower(u.text)] != 2 || textTitleShaped(*u) {
			continue
		}
		between := 0 // lines between the copies, placeholders aside
		for k := i - 1; k >= 0 && k >= i-textDoubleGap; k-- {
			if units[k].text == u.text {
				if between > 0 {
					u.repeated, u.dup = false, 0
					u.score = textScore(u)
				}
				break
			}
			if !units[k].junk {
				between++
			}
		}
	}
}

// textDoubleGap bounds the lines between the two copies of a paragraph
// printed twice.
const textDoubleGap = 6

// textClassifyContents finds a table of contents: lines close together
// (textContentsGap) that come again later, in the same order, each over
// a paragraph — the headings the contents list. The later copies are
// the article's headings, not repeats, which had lost a tutorial's
// sections and with them its run; the contents stay repeats. A menu's
// links printed again in the page's footer stand over no paragraph.
// seen counts each lower-cased text of units.
func textClassifyContents(units []textUnit, seen map[string]int) {
	type pair struct{ at, again int }
	var run []pair
	flush := func() {
		if len(run) >= textMinContents {
			for _, p := range run {
				u := &units[p.again]
				u.repeated, u.dup = false, 0
				u.score = textScore(u)
			}
		}
		run = run[:0]
	}
	// Where each line printed twice comes first: its second copy is
	// then found in one pass, not by a search from each line.
	first := map[string]int{}
	next := make(map[int]int)
	for i, u := range units {
		if u.prose || u.junk || u.words < 2 || u.words > textMaxTitleWords || seen[strings.ToLower(u.text)] != 2 {
			continue
		}
		if f, ok := first[u.text]; ok {
			next[f] = i
		} else {
			first[u.text] = i
		}
	}
	if len(next) < textMinContents {
		return
	}
	for i := range units {
		again, ok := next[i]
		if !ok {
			continue // printed once, or the second copy itself
		}
		if n := len(run); n > 0 && (i-run[n-1].at > textContentsGap || again <= run[n-1].again) {
			flush()
		}
		if len(run) == 0 && again-i <= textContentsGap || units[again].list || !textOverParagraph(units, again) {
			flush()
			continue
		}
		run = append(run, pair{i, again})
	}
	flush()
}

// A table of contents lists so many headings at least, each at most so
// many lines from the one before.
const (
	textMinContents = 3
	textContentsGap = 2
)

// textOverParagraph reports a line that a paragraph follows, past
// placeholders.
func textOverParagraph(units []textUnit, i int) bool {
	for k := i + 1; k < len(units) && k <= i+2; k++ {
		if !units[k].junk {
			return units[k].prose && !units[k].boiler
		}
	}
	return false
}

// textClassifyRepeatedRuns keeps the first copy of a passage of several
// paragraphs the text holds twice, in the same order: a page printed
// twice over (once per screen size, or in a read-aloud box), or a text
// that repeats a piece of itself. The copies are prose, not the site's
// repeats (those are lines, a teaser's sentence, a caption, a ticker's
// list of headlines or its blurbs cut off with an ellipsis, never a run of
// paragraphs); marking both as repeats lost the passage altogether, and
// with it the bulk of a text made of two pieces, one of them twice. The
// second copy is left out where the first is kept (textDropCopies). seen
// counts each lower-cased text of units.
func textClassifyRepeatedRuns(units []textUnit, seen map[string]int) {
	// The copies of each paragraph printed twice: where each stands.
	copies := make(map[string][2]int)
	for i := range units {
		if units[i].prose && seen[strings.ToLower(units[i].text)] == 2 {
			c, ok := copies[units[i].text]
			if !ok {
				c = [2]int{i, -1}
			} else if c[1] < 0 {
				c[1] = i
			}
			copies[units[i].text] = c
		}
	}
	for i := 0; i < len(units); i++ {
		c, ok := copies[units[i].text]
		if !ok || c[0] != i || c[1] < 0 {
			continue
		}
		j := c[1]
		// The run: what follows each copy line by line, up to the second.
		n, paras, words := 0, 0, 0
		for i+n < j && j+n < len(units) && units[i+n].text == units[j+n].text {
			if v := units[i+n]; v.prose && !v.list && v.words >= textRunParagraphWords && !strings.HasSuffix(v.text, "...") && !strings.HasSuffix(v.text, "…") {
				paras++
				words += units[i+n].words
			}
			n++
		}
		if paras < textRunParagraphs || words < textRunWords {
			continue
		}
		for k := i; k < i+n; k++ {
			if v := &units[k]; v.prose && v.repeated && !v.boiler {
				v.repeated, v.dup = false, 0
				v.score = textScore(v)
			}
			units[j+k-i].copyOf = k + 1
		}
		i += n - 1
	}
}

// textClassifyRunTogether finds a passage a page prints twice, once as
// its paragraphs (or list items) and once run together into one (a block
// for screen readers or for another screen size, a list's items joined
// by bullets): every piece is found again inside the run-together copy,
// so both read as repeats and the passage was lost. The pieces are kept,
// with their breaks; the run-together copy is dropped on its own. It
// takes two pieces or more near it that make up most of its words: a
// pull quote taken from a paragraph is one piece, and a small share.
// seen counts each lower-cased text of units.
func textClassifyRunTogether(units []textUnit, seen map[string]int) {
	for b := range units {
		blob := &units[b]
		if !blob.prose || blob.dup < textRepeatedShare || blob.words < 2*textMinPieceWords {
			continue
		}
		text := strings.Join(strings.Fields(blob.text), " ")
		var pieces []int
		covered := 0
		for k := max(b-textRunTogetherReach, 0); k < len(units) && k <= b+textRunTogetherReach; k++ {
			v := units[k]
			if k == b || v.words < textMinPieceWords || v.words >= blob.words || seen[strings.ToLower(v.text)] != 1 {
				continue
			}
			if strings.Contains(text, strings.Join(strings.Fields(v.text), " ")) {
				pieces = append(pieces, k)
				covered += v.words
			}
		}
		if len(pieces) < 2 || 3*covered < 2*blob.words {
			continue
		}
		blob.junk, blob.prose = true, false
		blob.score = textScore(blob)
		for _, k := range pieces {
			if v := &units[k]; v.repeated || v.dup > 0 {
				v.repeated, v.dup = false, 0
				v.score = textScore(v)
			}
		}
	}
}

// A run-together copy's pieces stand within so many units of it and hold
// at least so many words each.
const (
	textRunTogetherReach = 60
	textMinPieceWords    = 5
)

// A passage printed twice holds at least this many paragraphs of at least
// so many words, and so many words in all. (A site's plea for money or
// its author's box, printed under the article and again in the footer,
// is a paragraph and a few lines.)
const (
	textRunParagraphs     = 3
	textRunParagraphWords = 25
	textRunWords          = 80
)

// textClassifyCaptions marks a picture's caption by its credit or by
// where it stands: a short paragraph that ends with its credit in
// brackets, or right under an image's placeholder and right over a credit
// ("Photo: Getty Images", "Jane Roe, AP"), in any language. The credit
// line goes with it.
func textClassifyCaptions(units []textUnit) {
	for i := range units {
		if u := &units[i]; !u.list && u.words <= textCaptionWords && textCreditAfterSentence(u.text) {
			u.prose, u.meta = false, true
			u.score = textScore(u)
		}
	}
	for i := 1; i < len(units); i++ {
		// A credit's label alone ("Photo:", "Фото:") is followed by the
		// credit itself.
		if l, u := units[i-1], &units[i]; l.meta && l.words == 1 && strings.HasSuffix(l.text, ":") && !u.prose && !u.meta && u.words <= 8 {
			u.meta = true
			u.score = textScore(u)
		}
		// A caption's label alone ("Image caption,", "Media caption:"),
		// as a screen reader's text is copied, is followed by the
		// caption itself: no headline and no paragraph of the article.
		if l, u := units[i-1], &units[i]; l.meta && l.words <= 2 && strings.ContainsAny(l.text[len(l.text)-1:], ",:") &&
			strings.Contains(strings.ToLower(l.text), "caption") && !u.list && !u.meta && u.words > 0 && u.words <= textCaptionWords {
			u.prose, u.meta = false, true
			u.score = textScore(u)
		}
	}
	for i := 1; i+1 < len(units); i++ {
		u, img, credit := &units[i], units[i-1], &units[i+1]
		if !u.prose || u.words > textFramedCaptionWords || !img.junk || strings.IndexByte(img.text, '[') < 0 {
			continue
		}
		// Over an agency's credit ("Jane Roe, AP") a caption may run
		// longer; a credit glued to a picture is the next picture's.
		agency := textAgencyCredit(credit.text)
		if !(credit.meta && !credit.byline || agency) || strings.IndexByte(credit.text, '[') >= 0 || !agency && u.words > textCaptionWords {
			continue
		}
		u.prose, u.meta = false, true
		credit.meta = true
		u.score, credit.score = textScore(u), textScore(credit)
	}
}

// textCreditAfterSentence reports a sentence followed by its picture's
// credit in brackets: "... in Nogales, Ariz. (AP)", "... 2019. (Jane
// Roe/AP)".
func textCreditAfterSentence(s string) bool {
	if !strings.HasSuffix(s, ")") {
		return textCapsCreditAfterSentence(s)
	}
	k := strings.LastIndexByte(s, '(')
	if k < 0 || !strings.HasSuffix(strings.TrimRight(s[:k], " "), ".") {
		return false
	}
	in := s[k+1 : len(s)-1]
	return textAgencyCredit(in) || len(in) >= 2 && len(in) <= 5 && strings.ToUpper(in) == in && strings.IndexFunc(in, unicode.IsLetter) >= 0 && !strings.ContainsRune(in, ' ')
}

// textCapsCreditAfterSentence reports a sentence followed by its
// picture's credit set in capitals after a "By": "... from the water in
// Las Croabas. By U.S. CUSTOMS AND BORDER PROTECTION". An article's
// sentence that opens with "By" ("By noon the crowd had gone.") is no
// line of capitals, and ends as a sentence does.
func textCapsCreditAfterSentence(s string) bool {
	for _, by := range []string{". By ", ". Von ", ". Par ", ". Por ", ". Di "} {
		i := strings.LastIndex(s, by)
		if i < 0 {
			continue
		}
		tail := strings.TrimSpace(s[i+len(by):])
		n := textWordCount(tail)
		return n >= 2 && n <= textMaxCapsCreditWords && strings.ToUpper(tail) == tail && strings.IndexFunc(tail, unicode.IsLetter) >= 0 &&
			!strings.HasSuffix(tail, ".") && !strings.HasSuffix(tail, "!") && !strings.HasSuffix(tail, "?")
	}
	return false
}

// textMaxCapsCreditWords bounds a credit in capitals.
const textMaxCapsCreditWords = 8

// textAgencyCredit reports a short credit that ends with an agency's
// initials after a name: "Jane Roe, AP", "Jane Roe/AFP".
func textAgencyCredit(s string) bool {
	i := strings.LastIndexAny(s, ",/")
	if i < 0 || textWordCount(s) > 6 {
		return false
	}
	tail := strings.TrimSpace(s[i+1:])
	if n := len(tail); n < 2 || n > 5 {
		return false
	}
	for _, r := range tail {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// textClassifyTables marks runs of table rows: at least textMinTableRows
// consecutive lines of three or more columns. A table is content, like a
// paragraph, though no row of it reads as a sentence.
func textClassifyTables(units []textUnit) {
	for i := 0; i < len(units); {
		j := i
		for j < len(units) && units[j].cells >= 3 && !units[j].list {
			j++
		}
		if j-i >= textMinTableRows && textArchiveRows(units[i:j]) {
			// A blog's archive of its posts, set as a table: the
			// site's links, not the article's data.
			for k := i; k < j; k++ {
				u := &units[k]
				u.boiler = true
				u.score = textScore(u)
			}
		} else if j-i >= textMinTableRows {
			for k := i; k < j; k++ {
				u := &units[k]
				u.table, u.junk, u.boiler, u.meta, u.byline, u.repeated = true, false, false, false, false, false
				u.score = textTableFactor * float64(u.words)
				if k > i && u.text == units[k-1].text {
					// Each row printed twice, one under the other: a
					// ticker's items, shown again to scroll. The
					// second copy is the dumper's.
					u.table, u.junk = false, true
					u.score = textScore(u)
				}
			}
		}
		i = max(j, i+1)
	}
}

// textArchiveRows reports rows of a blog's archive of its posts set out
// as a table: each row a month or a year over the count of its posts
// ("►  October  (2)", "2019  (4)"), or a post's date, its title and the
// same date again ("Jan 30, 2020  Title  Jan 30, 2020"). A table of an
// article's data has no count in brackets after a bare month, nor its
// first cell printed again as its last.
func textArchiveRows(rows []textUnit) bool {
	for _, u := range rows {
		f := strings.Fields(u.text)
		if len(f) < 2 {
			return false
		}
		if n := min(3, len(f)/2); textHasDigit(f[0]) || n == 3 && textHasDigit(strings.Join(f[:n], " ")) {
			// The date again at the row's end.
			if head := strings.Join(f[:n], " "); n >= 2 && textHasDigit(head) && strings.HasSuffix(u.text, " "+head) {
				continue
			}
		}
		if !textArchiveCountRe().MatchString(f[len(f)-1]) {
			return false
		}
		// The period before the count, past the row's marker ("►").
		var words []string
		for _, w := range f[:len(f)-1] {
			if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
				words = append(words, w)
			}
		}
		// A month, a year, or a month and its year: a month and a
		// day's or a count's number ("January 31 (4)") is data.
		period := strings.ToLower(strings.Join(words, " "))
		if len(words) == 0 || len(words) > 2 || !textHasMonth(period) && !textLoneYearRe().MatchString(period) ||
			len(words) == 2 && !textLoneYearRe().MatchString(words[0]) && !textLoneYearRe().MatchString(words[1]) {
			return false
		}
	}
	return true
}

// textArchiveCountRe matches the count of an archive's posts, and
// textLoneYearRe a year alone.
var (
	textArchiveCountRe = lazyRegexp(`^\(\d+\)$`)
	textLoneYearRe     = lazyRegexp(`^(?:19|20)\d\d$`)
)

// textClassifyClauseLists marks a list that completes the sentence over
// it: a line ending with a colon (or trailing off), then items of which most end as a
// clause or a sentence does ("1. a tariff for pipe tobacco,"), or most
// are phrases of four words or more ("Das Wichtigste in Kürze:", "keine
// besondere Winterpflege nötig"), as no menu's one- and two-word links
// are. It is the article's sentence set out in items: it weighs a little
// in the search for the article's run (textClauseWeight), and it stays
// whole inside it. (A box of posts under its heading is an aside, not
// such a list.)
func textClassifyClauseLists(units []textUnit) {
	for i := 0; i+1 < len(units); i++ {
		lead := units[i]
		if lead.list || lead.boiler || lead.junk || lead.stop || lead.aside || !textLeadsIn(lead.text) ||
			textContainsAny(strings.ToLower(lead.text), textSiteListCues) {
			continue // the site's list: "Here is more of our reporting on the story:"
		}
		// A browser's copy gives the items no bullets, but no blank line
		// between them either: under the colon, a block of lines; or,
		// failing that, the short lines up to the article's next
		// paragraph (textClassifyBareClauseList).
		item := func(j int) bool { return units[j].list }
		bare := !units[i+1].list
		if bare {
			if !strings.HasSuffix(lead.text, ":") || !lead.prose || i+2 >= len(units) || units[i+2].blank {
				i = textClassifyBareClauseList(units, i)
				continue
			}
			item = func(j int) bool {
				return !units[j].list && !units[j].prose && !units[j].meta && !units[j].table && (j == i+1 || !units[j].blank)
			}
		}
		j, ends, long := i+1, 0, 0
		for j < len(units) && item(j) && !units[j].boiler && !units[j].junk && !units[j].stop && !units[j].aside {
			if last := units[j].text[len(units[j].text)-1]; last == ',' || last == ';' || last == '.' {
				ends++
			}
			if units[j].words >= 4 {
				long++
			}
			j++
		}
		if items := j - i - 1; items >= 2 && (!bare || items >= textMinCopiedItems && (j == len(units) || units[j].blank)) && (2*ends >= items || 2*long >= items) {
			textMarkClause(units[i:j])
		} else if bare {
			i = textClassifyBareClauseList(units, i)
			continue
		}
		i = j - 1
	}
}

// textClassifyBareClauseList marks the items a browser's copy gives no
// bullets under the line at i that leads them in ("The main points in
// short:", "Follow these six tips ...:"): the short lines right under it,
// up to the article's next paragraph, none of them the site's, a repeat,
// a date or a lead-in of its own, textMinBareItems to textMaxBareItems of
// them, of which most end as a clause or a sentence does or are phrases of
// four words or more. A menu's links are one or two words; a box of the
// site's under a colon ("Share this:", "Read more:") is its vocabulary or
// closes the article. It returns the last unit it looked at.
func textClassifyBareClauseList(units []textUnit, i int) int {
	j, ends, long := i+1, 0, 0
	for j < len(units) && j-i-1 <= textMaxBareItems {
		u := units[j]
		if u.list || u.prose || u.table || u.boiler || u.junk || u.stop || u.aside || u.meta || u.repeated ||
			u.words == 0 || u.words > textMaxBareItemWords || textLeadsIn(u.text) {
			break
		}
		if last := u.text[len(u.text)-1]; last == ',' || last == ';' || last == '.' {
			ends++
		}
		if u.words >= 4 {
			long++
		}
		j++
	}
	items := j - i - 1
	if items < textMinBareItems || items > textMaxBareItems || !(2*ends >= items || 2*long >= items) {
		return i
	}
	// The article goes on under the list: its last line may be the
	// heading over the next paragraph. A lead-in's lines with nothing of
	// the article under them are a box of the site's ("Read more:",
	// "Tags:", "Source and contact:").
	if j >= len(units) || !units[j].prose || units[j].list || units[j].boiler || units[j].repeated {
		return i
	}
	textMarkClause(units[i:j])
	return j - 1
}

// A list without bullets under its lead-in holds so many items, of so
// many words at most each.
const (
	textMinBareItems     = 3
	textMaxBareItems     = 15
	textMaxBareItemWords = 25
)

// textMinCopiedItems is the fewest lines of a list a browser's copy gave
// no bullets.
const textMinCopiedItems = 5

// textClassifyCode marks a block of program code (a listing, a shell
// session): textMinCodeLines or more lines in a row, placeholders aside,
// most of them written as code is (brackets with an "=" or a call, an
// import, a definition). It is the article's, as a table is.
func textClassifyCode(units []textUnit) {
	for i := 0; i < len(units); {
		j, code, lines := i, 0, 0
		for j < len(units) && !units[j].prose && !units[j].stop && !units[j].aside {
			if !units[j].junk {
				lines++
				if textCodeLine(units[j].text) {
					code++
				}
			}
			j++
		}
		if lines >= textMinCodeLines && 2*code > lines {
			for k := i; k < j; k++ {
				if u := &units[k]; !u.junk {
					u.clause, u.boiler, u.repeated = true, false, false
					u.score = textClauseWeight * float64(u.words)
				}
			}
		}
		i = max(j, i+1)
	}
}

// textClassifyFormText marks the prose of a form as the site's: the
// paragraphs a dumper prints right after a checkbox ("[ ]"), or with one
// at their start, are the box's label, a consent to a newsletter or to
// showing another site's content, never the article's.
// A list item is left alone: "- [ ] Buy milk" is a note's to-do.
func textClassifyFormText(units []textUnit) {
	for i := 0; i < len(units); i++ {
		u := units[i]
		if !u.prose || u.list {
			continue
		}
		if !textCheckboxFirst(u.text) && (i == 0 || !textCheckboxOnly(units[i-1].text)) {
			continue
		}
		v := &units[i]
		v.junk, v.prose = true, false
		v.score = textScore(v)
	}
}

// textCheckboxOnly reports a line that is one checkbox or more as a
// dumper prints them ("[ ]", "[*]", "[X]").
func textCheckboxOnly(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	for s != "" {
		rest, ok := textCutCheckbox(s)
		if !ok {
			return false
		}
		s = strings.TrimSpace(rest)
	}
	return true
}

// textCheckboxFirst reports a line opened by a checkbox.
func textCheckboxFirst(s string) bool {
	_, ok := textCutCheckbox(strings.TrimSpace(s))
	return ok
}

func textCutCheckbox(s string) (string, bool) {
	for _, b := range []string{"[ ]", "[*]", "[X]", "[x]"} {
		if rest, ok := strings.CutPrefix(s, b); ok {
			return rest, true
		}
	}
	return s, false
}

// textMinCodeLines is the fewest lines of a block of code.
const textMinCodeLines = 5

// textCodeLine reports a line written as program code is.
func textCodeLine(s string) bool {
	for _, p := range []string{"import ", "from ", "def ", "class ", "return ", "@", "#include", "$ ", "func ", "var ", "const ", "let "} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	// A definition's or a statement's header ends with "):" ("def f(x):");
	// inside a line it is a label's ("England (Group A): 10th appearance").
	return strings.ContainsAny(s, "=;{}") || strings.Contains(s, "(") && strings.Contains(s, ")") && !strings.Contains(s, " ") || strings.Contains(s, "()") || strings.HasSuffix(s, "):")
}

// textLeadsIn reports a line that its list completes: it ends with a
// colon or trails off ("Menschen, die ...").
func textLeadsIn(s string) bool {
	return strings.HasSuffix(s, ":") || strings.HasSuffix(s, "...") || strings.HasSuffix(s, "…")
}

// textClassifyReferences marks the list of works an article cites, under
// its heading ("References", "Literatur", "Quellen"): entries that name a
// year. Like a list completing a sentence, it closes the article.
func textClassifyReferences(units []textUnit) {
	for i := 0; i+1 < len(units); i++ {
		if units[i].words > 2 || !textReferencesRe().MatchString(strings.ToLower(units[i].text)) {
			continue
		}
		j := i + 1
		for j < len(units) && units[j].words >= 3 && !units[j].boiler && !units[j].stop && textYearRe().MatchString(units[j].text) {
			j++
		}
		if j-i-1 < 2 {
			continue
		}
		textMarkClause(units[i:j])
		i = j - 1
	}
}

// textReferencesRe matches the heading of the works an article cites.
var textReferencesRe = lazyRegexp(`^(?:\d+\s+)?(?:references|bibliography|sources|literatur|literaturverzeichnis|quellen|quellenangaben|références|bibliographie|bibliografía|referencias|fuentes|bibliografia|fonti|riferimenti|literatura|bibliografie)[\s:]*$`)

// textYearRe matches a year, as a cited work names it.
var textYearRe = lazyRegexp(`\b(?:1[5-9]|20)\d\d\b`)

// textClassifyQuotedLines marks a quotation set over several short lines
// (a song's or a poem's lines, a verse an article quotes): its first line
// opens with a quotation mark, its last ends with one, and no line between
// holds one. Each line reads as a line of a menu; together they are a
// passage of the article's, kept with it as a list completing a sentence
// is.
func textClassifyQuotedLines(units []textUnit) {
	for i := 0; i+textMinQuotedLines <= len(units); i++ {
		if !textQuotedLine(units[i]) || !textOpensQuote(units[i].text) || textHasQuoteMark(textAfterFirst(units[i].text)) {
			continue
		}
		j := i + 1
		for j < len(units) && j-i < textMaxQuotedLines && textQuotedLine(units[j]) && !textHasQuoteMark(units[j].text) {
			j++
		}
		if j < len(units) && j-i+1 >= textMinQuotedLines && textQuotedLine(units[j]) && textClosesQuote(units[j].text) {
			textMarkClause(units[i : j+1])
			i = j
		}
	}
}

// A quotation set over lines holds so many lines, at least and at most.
const (
	textMinQuotedLines = 3
	textMaxQuotedLines = 16
)

// textQuotedLine reports a line that may be one of a quotation's lines:
// short, no paragraph, and none of the site's.
func textQuotedLine(u textUnit) bool {
	return !u.prose && !u.list && !u.junk && !u.boiler && !u.stop && !u.aside && !u.meta && u.words >= 2 && u.words <= textMaxQuotedLineWords
}

// textMaxQuotedLineWords bounds a quoted verse's line.
const textMaxQuotedLineWords = 20

// textQuoteMarks are the marks that open or close a quotation, in the
// languages of Europe (apostrophes aside: they stand in words).
const textQuoteMarks = "\"„“”«»‚‹›"

func textHasQuoteMark(s string) bool { return strings.ContainsAny(s, textQuoteMarks) }

func textOpensQuote(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune(textQuoteMarks, r)
}

// textAfterFirst is s without its first character.
func textAfterFirst(s string) string {
	_, n := utf8.DecodeRuneInString(s)
	return s[n:]
}

func textClosesQuote(s string) bool {
	s = strings.TrimRight(s, ".,;:!?…")
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(textQuoteMarks, r) && !textHasQuoteMark(s[:len(s)-utf8.RuneLen(r)])
}

// textMarkClause marks units as the article's own though no prose (a list
// completing its sentence, cited works), weighing a little in the search
// for the article's run.
func textMarkClause(units []textUnit) {
	for k := range units {
		units[k].clause = true
		units[k].score = max(units[k].score, textClauseWeight*float64(units[k].words))
	}
}

// textClauseWeight: a word of a list that completes its sentence weighs
// this much in the search for the article's run, so that a list closing
// the article is in it.
const textClauseWeight = 0.1

// textSeparatorLine reports a line of rules or a bar of links, like
// "-----" or "Home | News | Sport".
func textSeparatorLine(s string) bool {
	if pipes := strings.Count(s, "|"); pipes >= 2 && 3*pipes >= textWordCount(s) {
		return true
	}
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			letters++
		}
	}
	return letters == 0
}

// textWordCount counts words; a run of CJK characters, which has no spaces
// between words, counts as one word per two characters.
func textWordCount(s string) int {
	n := 0
	in := false
	cjk := 0
	for _, r := range s {
		if textIsCJK(r) {
			cjk++
			in = false
			continue
		}
		w := unicode.IsLetter(r) || unicode.IsDigit(r) || in && unicode.IsMark(r)
		if w && !in {
			n++
		}
		in = w || (in && (r == '\'' || r == '’'))
	}
	return n + (cjk+1)/2
}

func textIsCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

// textIsProse reports whether s reads like a paragraph: enough words, most
// of them not capitalised (link lists and headlines are Title Case), and a
// sentence's ending unless it is long.
func textIsProse(s string, words int) bool {
	if words < textMinProseWords {
		return false
	}
	lower, cased := 0, 0
	for _, f := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(f)
		for !unicode.IsLetter(r) && len(f) > 0 {
			_, size := utf8.DecodeRuneInString(f)
			f = f[size:]
			r, _ = utf8.DecodeRuneInString(f)
		}
		if len(f) == 0 {
			continue
		}
		if unicode.IsUpper(r) || unicode.IsTitle(r) {
			cased++
		} else if unicode.IsLower(r) {
			lower++
			cased++
		}
	}
	if cased > 4 && lower*10 < cased*3 {
		return false
	}
	if numbers := textNumberCount(s); numbers*3 > words {
		// Dates and counts: an archive's list of months, a score table.
		return false
	}
	if textEndsSentence(s) {
		return true
	}
	// A long line with no sentence's end must still have a sentence's
	// punctuation inside: a tag cloud or a list of keywords has none, or
	// only commas between a few words.
	return words >= textLongProseWords && (strings.ContainsAny(s, ".!?;。！？؟؛") || textCommas(s) > 0 && words >= textMinClauseWords*(textCommas(s)+1))
}

// textMinClauseWords: a run of text whose comma-separated parts are
// shorter than this on average is a list of keywords, not a sentence.
const textMinClauseWords = 6

// textCommas counts the commas of s, in the scripts that have their own.
func textCommas(s string) int {
	n := 0
	for _, r := range s {
		if r == ',' || r == '،' || r == '、' || r == '，' {
			n++
		}
	}
	return n
}

// textNumberCount counts the words of s that start with a digit.
func textNumberCount(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		f = strings.TrimLeftFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if f != "" && f[0] >= '0' && f[0] <= '9' {
			n++
		}
	}
	return n
}

// textEndsSentence reports whether s ends like a sentence, closing quotes
// and brackets aside.
func textEndsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(`"'”’»)]`, r)
	})
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…:;。！？؟؛", r)
}

// textBody returns the indexes of the units that make up the article body:
// the densest run of prose, without the site lines inside it.
func textBody(units []textUnit) []int {
	start, end := textDensestRun(units)
	if start < 0 {
		return nil
	}
	start, end = textUnderByline(units, start, end)
	start, end = textAboveWriterBox(units, start, end)
	// The article comes before its comments: when the thread is longer
	// than the piece, the densest run is the thread, so look above the
	// first comments heading that closes a paragraph or more. A heading
	// far below a lone paragraph is a menu's link under a teaser, not the
	// thread's start; two paragraphs or more are an article, however many
	// lines (tags, teasers, a comment form) part it from its thread. Over
	// a reply form (its heading ends with its cancel button) any prose is
	// the article's: what the densest run below holds is the site's.
	for s := 0; s < start; s++ {
		if !units[s].stop {
			continue
		}
		a, b := textDensestRun(units[:s])
		if a < 0 {
			continue
		}
		if textCountUnderByline(units, b, s, start) {
			continue
		}
		form := units[s].words <= 8 && textReplyFormRe().MatchString(strings.ToLower(units[s].text))
		// A short post: one paragraph right under its byline or date.
		post := a > 0 && units[a-1].byline && textParagraphs(units[a:b+1]) >= 1
		if form || post || (s-b <= textCommentsGap || textParagraphs(units[a:b+1]) >= 2) && textProseWords(units[a:b+1]) >= textMinArticleWords {
			start, end = a, b
			break
		}
	}
	if a, b := textListArticle(units, start); a >= 0 {
		return textListBody(units, a, b)
	}
	end = textResumeRun(units, start, end)
	end = textItemEnd(units, start, end)
	end = textFeedEnd(units, start, end)
	mail := textPersonsMail(units, textMailHeaders(units))
	var body []int
	whole := false // the loop reached end: the article may go on past a box
	for i := start; ; {
		if i > end {
			whole = true
			break
		}
		u := units[i]
		if u.prose && u.boiler && i > start && textSiteTail(units, i, start, end) {
			break
		}
		if textKeepProse(u) {
			body = append(body, i)
			i++
			continue
		}
		// A run of non-prose units: keep a subhead or two between
		// paragraphs, drop a longer run (a link list, a promo box). The
		// site's paragraph that closes the article may stand inside the
		// run (under the links to related stories): it ends the article
		// there as well.
		j := i
		for j <= end && !textKeepProse(units[j]) {
			if u := units[j]; u.prose && u.boiler && i > start && textSiteTail(units, j, start, end) {
				break
			}
			j++
		}
		if j <= end && !textKeepProse(units[j]) {
			break
		}
		if j-i >= textSplitRun && j <= end && 3*textProseWords(units[j:end+1]) < textProseWords(units[start:i]) {
			// A long block of lines (a staff list, a sitemap) inside
			// the run parts the article from the site's lesser prose
			// below it (an appeal, an about box). The article ends
			// where the densest run above the block ends: a short
			// appeal just above the block is the site's too.
			if _, b := textDensestRun(units[start:i]); b >= 0 {
				for len(body) > 0 && body[len(body)-1] > start+b {
					body = body[:len(body)-1]
				}
			}
			break
		}
		if i > start && (textAuthorBox(units, i, j) || textAuthorBio(units, i, j, end)) {
			break // the writer's box closes the article
		}
		if i > start && textAsideFeed(units, start, i, j, end) {
			break // a box of teasers closes the article
		}
		// Placeholders, repeats, credits and a link to another story
		// ("Read more: ...") are dropped on their own; any other site
		// line in the run condemns the run (a teaser's headline sits
		// next to its "Read more" or its date).
		// Two or more list items written as headlines are a list of links
		// to other pages, however few.
		clauses := true // a list completing the sentence over it closes the run
		for k := i; k < j; k++ {
			clauses = clauses && units[k].clause
		}
		n, heads, keep := 0, 0, i > start && (j <= end || clauses)
		for k := i; k < j && keep; k++ {
			u := units[k]
			if textHeadlineCased(u) {
				heads++
			}
			switch {
			case u.boiler && !u.teaser || u.stop || u.aside || heads >= 2:
				keep = false
			case textKeepShort(u):
				n++
			}
		}
		// A recipe's ingredients, a list the paragraph over it
		// announces: kept whole.
		amounts := keep && (textQuantityRun(units, i, j) || textAnnouncedList(units, i, j))
		for k := i; k < j && keep; k++ {
			// In a longer run only whole short sentences stay (the
			// questions of an interview, a one-line paragraph). A
			// quoted mail's header block stays whole, its date too.
			if mail[k] || textKeepShort(units[k]) && (n <= textMaxKeptRun || amounts || textShortSentence(units[k]) || units[k].clause) {
				body = append(body, k)
			}
		}
		i = j
	}
	if whole {
		body = append(body, textPastBoxes(units, start, end)...)
		if len(body) > 0 && body[len(body)-1] == end {
			body = append(body, textProductCards(units, end)...)
		}
	}
	body = textEntryHeads(units, body)
	lead := textLead(units, start, end)
	if above := textSectionsAbove(units, start); above != nil {
		for len(lead) > 0 && lead[len(lead)-1] >= above[0] {
			lead = lead[:len(lead)-1]
		}
		lead = append(lead, above...)
	}
	body = append(lead, body...)
	if len(body) > 0 {
		body = append(textSummaryPoints(units, body[0], end), body...)
		body = append(textWorkedList(units, body[0], end), body...)
		if o := textOpeningAbove(units, body[0], end); o >= 0 {
			// The loose sentences right over the run (a subheading the
			// page set as one) stay the article's, as textExtendBody
			// keeps them.
			k := body[0]
			for k-1 > o && units[k].blank && textLooseSentence(units[k-1]) {
				k--
			}
			var open []int
			open = append(open, o)
			for i := k; i < body[0]; i++ {
				open = append(open, i)
			}
			body = append(open, body...)
		}
	}
	return textListTail(units, textDropTeasers(units, body))
}

// textEntryHeads adds to body the heads of a live blog's entries: between
// two of its paragraphs, the time the entry was posted ("March 5, 2024,
// 10:48 AM ET", "14:32"), alone or under its reporter's name, over the
// entry's paragraph (a feed's teaser has its date under its blurb, over
// the next teaser's headline). They are
// the article's when textMinEntryHeads or more of them part its
// paragraphs: the entries are what the page reports, each under its time
// (a pasted exchange of posts too). A news story's byline and dateline
// stand over its first paragraph, not between two, and stay out.
func textEntryHeads(units []textUnit, body []int) []int {
	var heads [][2]int
	for k := 1; k < len(body); k++ {
		a, b := body[k-1]+1, body[k]
		if b-a < 1 || b-a > textMaxEntryHeadLines || !units[b].prose {
			continue
		}
		times := 0
		for i := a; i < b; i++ {
			switch u := units[i]; {
			case u.byline && u.words <= textMaxMailSenderWords && textClockRe().MatchString(u.text) && !textSiteStampRe().MatchString(strings.ToLower(u.text)):
				times++
			case textNameLine(u) && !u.meta:
			default:
				times = -1
			}
			if times < 0 {
				break
			}
		}
		if times == 1 {
			heads = append(heads, [2]int{a, b})
		}
	}
	if len(heads) < textMinEntryHeads {
		return body
	}
	out := make([]int, 0, len(body)+2*len(heads))
	h := 0
	for _, i := range body {
		for h < len(heads) && heads[h][0] < i {
			for k := heads[h][0]; k < heads[h][1]; k++ {
				out = append(out, k)
			}
			h++
		}
		out = append(out, i)
	}
	return out
}

// textSiteStampRe matches the times a page stamps on what is not a live
// blog's entry: an update of the story ("Updated 10:32 AM EST"), an
// embedded post's ("10:32 AM · Mar 5, 2024"), a comment's ("March 5,
// 2024 at 10:48 am").
var textSiteStampRe = lazyRegexp(`^(?:updated|last updated|published|posted|aktualisiert|mis à jour|actualizado)\b|·| at \d{1,2}[:.]\d{2}`)

// textClockRe matches a time of day: "10:48", "9.05 Uhr", "11:02 AM",
// "9 a.m.", "14h30".
var textClockRe = lazyRegexp(`(?i)\b\d{1,2}(?:[:h]\d{2}\b|\.\d{2} ?(?:uhr|h)\b|:\d{2}|\s?[ap]\.?m\b)`)

// textOpeningAbove returns the article's opening paragraph a few lines
// over its first unit at first, parted from it by what a page sets
// between an opening and the rest: a picture's placeholder, its caption
// or credit, a subheading, a print or share button. The paragraph is
// a whole sentence or more, none of the site's, a repeat or a teaser,
// and it stands alone under the headline: no prose right over it (a
// list of teasers sets blurb under blurb) and no byline or date between
// it and the run (the article's header under a teaser's blurb). It
// is written about what the run is: textMinOpeningShared of its longer
// words or more, and one in textBoxShare, recur in units[first:end+1];
// a teaser of another story or the site's blurb names other things. -1
// when there is none.
func textOpeningAbove(units []textUnit, first, end int) int {
	p := first - 1
	for ; p >= 0 && p >= first-textOpeningGap; p-- {
		u := units[p]
		if u.prose || u.stop || u.aside || u.teaser || u.byline || u.table || u.list && !u.boiler ||
			u.words > textMaxHeadingWords && !u.boiler || u.words > 2*textMaxHeadingWords {
			break
		}
	}
	if p < 1 || p == first-1 {
		return -1
	}
	u := units[p]
	if !textKeepProse(u) || u.table || u.list || u.teaser || u.meta || u.words < textMinProseWords || !textEndsSentence(u.text) {
		return -1
	}
	if units[p-1].byline || units[p-1].meta {
		return -1 // a standfirst under the byline: textStandfirst's
	}
	if units[p-1].junk || units[p+1].meta && !units[p+1].byline {
		return -1 // a picture's caption: under its placeholder, over its credit
	}
	for k := p - 1; k >= 0 && k >= p-textOpeningGap/2-1; k-- {
		if units[k].prose || units[k].stop || units[k].aside || units[k].teaser {
			return -1
		}
	}
	mine := make(map[string]bool)
	textAddTopicWords(mine, u.text)
	shared := textSharedWords(mine, textTopicWords(units[first:end+1]))
	if shared < textMinOpeningShared || shared*textBoxShare < len(mine) {
		return -1
	}
	return p
}

const (
	textOpeningGap       = 5 // lines at most between an opening paragraph and the run
	textMinOpeningShared = 2 // longer words an opening over a break shares with the run, at least
)

// textResumeRun extends the run of prose units[start:end+1] past a block
// set into the article, when the article's paragraphs go on under it: a
// post's step photos or graphs with their captions, a few lines of code
// or figures. Such a block costs more than the paragraph after it earns,
// so the run stopped over it and lost the article's second half. The
// block, shorter than textSplitRun lines, holds none of the site's lines
// (no share bar, box heading, teaser, date, byline or comments heading),
// no line printed three times or more (a template's) and at most one
// headline of a list of links. The prose under it opens with a paragraph,
// not a list item, crosses no rule and no "read more" (a feed's teasers),
// weighs textMinResumeScore or more before the next block, and is written
// about what the run is: enough of its longer words occur in the run, as
// the blurbs of a box of teasers or the site's appeal seldom do.
func textResumeRun(units []textUnit, start, end int) int {
	// What the run is about: its paragraphs' words, and its subheads'
	// and captions' too.
	topic := make(map[string]bool)
	for _, u := range units[start : end+1] {
		if !u.boiler && !u.junk && !u.meta && !u.stop && !u.aside {
			textAddTopicWords(topic, u.text)
		}
	}
	for {
		k, heads := end+1, 0
		for ; k < len(units) && k-end <= textMaxInsetLines && !textKeepProse(units[k]); k++ {
			u := units[k]
			if u.stop || u.aside || u.teaser || u.meta || u.byline || u.boiler {
				return end
			}
			if textHeadlineCased(u) {
				heads++
			}
			if u.repeated && !textFewCopies(units, k) {
				return end
			}
		}
		if k == end+1 || k >= len(units) || k-end > textMaxInsetLines || heads > 1 || units[k].list {
			return end
		}
		// The prose under the block, up to where it costs more than it
		// weighs (the next block: the next pass looks past it).
		sum, best, last := 0.0, 0.0, -1
		for i := k; i < len(units) && !units[i].stop && !units[i].aside && sum >= 0; i++ {
			if textReadMoreLabels[strings.ToLower(strings.Trim(units[i].text, " .:…»›>→"))] {
				return end // a teaser's link: a feed of other posts
			}
			if textRuleLine(units[i].text) {
				break // a rule parts the article from what follows it
			}
			sum += units[i].score
			// It ends on a paragraph: a list is left to the list rules.
			if sum > best && textKeepProse(units[i]) && !units[i].list {
				best, last = sum, i
			}
		}
		if last < 0 || best < textMinResumeScore || textTeaserShaped(units, k, last) {
			return end
		}
		below := textTopicWords(units[k : last+1])
		shared := textSharedWords(below, topic)
		if shared < textMinBoxSharedWords || shared*textBoxShare < len(below) {
			return end
		}
		for w := range below {
			topic[w] = true
		}
		end = last
	}
}

// textTeaserShaped reports whether the prose units[k:last+1] under a block
// is shaped as a teaser for another page: one paragraph alone under a
// headline, the site's lines (a box heading, teasers, a share bar, the
// copyright) or the text's end right under it.
func textTeaserShaped(units []textUnit, k, last int) bool {
	if textParagraphs(units[k:last+1]) > 1 || !textTitleShaped(units[k-1]) {
		return false
	}
	n := textNextNonJunk(units, last)
	return n == len(units) || units[n].aside || units[n].teaser || units[n].stop || units[n].boiler
}

// textFewCopies reports whether the line at k, which the page prints more
// than once, is printed only twice: a subhead or a caption the article
// uses again, a code line a dump doubles, not a template's line (a button
// under each section, a line in each card or comment).
func textFewCopies(units []textUnit, k int) bool {
	n := 0
	for i := range units {
		if i != k && strings.EqualFold(units[i].text, units[k].text) {
			if n++; n > 1 {
				return false
			}
		}
	}
	return true
}

// textRuleLine reports a horizontal rule: a line of dashes, underscores,
// equals signs or stars alone.
func textRuleLine(s string) bool {
	s = strings.TrimSpace(s)
	return len(s) >= 3 && strings.Trim(s, "-_=*─━—") == ""
}

const (
	textMaxInsetLines  = textSplitRun - 1 // most lines of a block set into the article (a longer one parts it, textBody)
	textMinResumeScore = 5                // least weight of the prose the article goes on with under it
)

// textSectionsAbove returns the sections over the run's first paragraph
// at start, and the article's paragraphs over them, when the run opens
// under a short heading of its own and what stands over that heading is
// sections alike (a short heading, then its list) down from the
// article's prose: a job ad's "Your tasks" and "Your profile" between
// its opening paragraphs and "We offer", a guide's lists between its
// introduction and its prose sections. The lists weigh less than they
// cost, so the run started under them and the opening was lost with
// them. Each section has two items or more, none the site's, a repeat,
// a date or a teaser, and at most one item of them all is written as a
// headline; a menu, a box of links or a teaser list over an article has
// no heading of the article's right under it, or no prose above it.
func textSectionsAbove(units []textUnit, start int) []int {
	top := start - 1
	if top < 1 || !textSectionHead(units[top]) || units[top].repeated || units[top].meta {
		return nil
	}
	sections, items, heads := 0, 0, 0
	for {
		// A browser's copy gives the items no bullets, but sets them
		// tight, one under the other, where a blank line parts each
		// heading from them: a bare line is an item when the item
		// under it follows it tight (or it is the section's last).
		j, n, words := top-1, 0, 0
		bare := top-1 >= 0 && !units[top-1].list
		for ; j >= 0 && (units[j].list && !bare || bare && !units[j].list && !units[j].prose && (j == top-1 || !units[j+1].blank)); j-- {
			u := units[j]
			if u.boiler || u.stop || u.aside || u.junk || u.meta || u.repeated || u.teaser || u.prose || bare && u.words > textMaxHeadingWords {
				return nil
			}
			if textHeadlineCased(u) {
				heads++
			}
			n++
			words += u.words
		}
		if n < 2 || j < 0 || !textSectionHead(units[j]) || units[j].repeated || units[j].meta {
			break
		}
		if bare && words < textMinBareItemAverage*n {
			// A menu's links, bare: "News", "Politics", "Business". A
			// job ad's tasks are phrases.
			return nil
		}
		sections++
		items += n
		top = j
	}
	if sections == 0 || items < textMinSectionItems || heads > 1 {
		return nil
	}
	p := top
	for p > 0 && textKeepProse(units[p-1]) && !units[p-1].list {
		p--
	}
	if p == top {
		return nil // no prose of the article's over the sections
	}
	var out []int
	for k := p; k < start; k++ {
		out = append(out, k)
	}
	return out
}

// textMinSectionItems is the fewest items of the sections over a run
// that textSectionsAbove takes.
const textMinSectionItems = 4

// textMinBareItemAverage is the fewest words a bare section's items hold
// on average.
const textMinBareItemAverage = 3

// textListTail adds to body the items left of the list its last unit
// stands in: a recipe's or a guide's last steps, short sentences that
// weigh less than they cost, past the run that ended on the step above
// them (at the comments under it, say). Only whole sentences of the same
// list, none the site's, a date or a repeat, follow a step that is a
// sentence itself; a menu's links are no sentences.
func textListTail(units []textUnit, body []int) []int {
	if len(body) == 0 {
		return body
	}
	last := units[body[len(body)-1]]
	if !last.list || !textListStep(last) {
		return body
	}
	for k := body[len(body)-1] + 1; k < len(units) && units[k].list && units[k].indent == last.indent && textListStep(units[k]); k++ {
		body = append(body, k)
	}
	return body
}

// textListStep reports a list item that is a sentence of the article's.
func textListStep(u textUnit) bool {
	return !u.boiler && !u.meta && !u.junk && !u.stop && !u.aside && !u.repeated && !u.teaser &&
		u.words >= 3 && textEndsSentence(u.text) && !strings.HasSuffix(u.text, ":")
}

// textUnderByline prefers to the densest run units[start:end+1] an
// earlier run that opens right under a byline or a date, when it weighs
// nearly as much: a short news story under its byline, outweighed by a
// box of the site's lower down (a customer service's text over the
// footer), is the article; so is a video's one paragraph under its
// byline, outweighed by the messages of the site's account form.
func textUnderByline(units []textUnit, start, end int) (int, int) {
	best := 0.0
	for i := start; i <= end; i++ {
		best += units[i].score
	}
	// A run opening inside one already summed weighs less than it (what
	// came before it there summed above zero): those bylines are skipped.
	scanned := 0
	for b := 0; b < start; b++ {
		if !units[b].byline || b < scanned {
			continue
		}
		p := b + 1
		for p < start && p <= b+textHeaderUnits && !units[p].prose {
			p++
		}
		if p >= start || !units[p].prose || units[p].boiler {
			continue
		}
		sum, top, e := 0.0, 0.0, -1
		for scanned = p; scanned < start; scanned++ {
			sum += units[scanned].score
			if sum <= 0 {
				break
			}
			if sum > top {
				top, e = sum, scanned
			}
		}
		if e >= 0 && textParagraphs(units[p:e+1]) >= 1 && top*textBylineFavour >= best {
			return p, e
		}
	}
	return start, end
}

// textAboveWriterBox returns the run of prose between the byline and the
// writer's box under the piece when the densest run units[start:end+1]
// is that box: a short biography under a heading ("Autor:innen", "About
// the author") and a name alone that the byline above names ("Von Tim
// Ehlers" ... "Tim Ehlers" / "Geboren 1983, ist seit 2015 Redakteur
// ..."). A brief of a paragraph or two weighs less than its writer's
// biography; the name printed in the byline and again over the box tells
// the box from the article. A heading over the name is asked for: a name
// alone right under the standfirst is the byline's card over the article.
func textAboveWriterBox(units []textUnit, start, end int) (int, int) {
	if textProseWords(units[start:end+1]) > textMaxBoxBioWords {
		return start, end
	}
	n := start - 1
	for n >= 0 && units[n].junk {
		n--
	}
	if n < 0 || !textNameLine(units[n]) {
		return start, end
	}
	h := n - 1
	for h >= 0 && units[h].junk {
		h--
	}
	if h < 0 {
		return start, end
	}
	if u := units[h]; u.prose || u.byline || u.meta || u.list || u.boiler || u.words == 0 || u.words > 3 || textNameLine(u) {
		return start, end // no box's heading: a share button, a date
	}
	if !textTellsOfWriter(units[start : end+1]) {
		return start, end // under the name, the article: no biography
	}
	for b := 0; b < h; b++ {
		if !units[b].byline || !textWordIn(units[b].text, units[n].text) {
			continue
		}
		a, e := textDensestRun(units[b+1 : h])
		if a < 0 || textParagraphs(units[b+1+a:b+1+e+1]) < 1 {
			return start, end
		}
		return b + 1 + a, b + 1 + e
	}
	return start, end
}

// textTellsOfWriter reports a run that reads as a biography: what its
// writer is or does ("is a reporter", "ist seit 2015 Redakteur",
// "joined", "studierte", "geboren").
func textTellsOfWriter(units []textUnit) bool {
	for _, u := range units {
		low := strings.ToLower(u.text)
		if textContainsAny(low, textWriterWords) {
			return true
		}
	}
	return false
}

// textWriterWords are the stems a writer's biography says what they do
// with, in several languages.
var textWriterWords = []string{"reporter", "journalist", "editor", "writer", "columnist", "correspondent", "author", "joined", "covers", "covered", "reports on",
	"studied", "graduate", "redakteur", "redaktion", "autor", "studierte", "geboren", "schreibt", "volontariat", "journaliste",
	"rédact", "écrit", "periodista", "redactor", "escribe", "giornalist", "dziennikar", "redaktor"}

// textMaxBoxBioWords bounds the words of a writer's biography in a box
// under a name: a longer run under the name is the article.
const textMaxBoxBioWords = 120

// textBylineFavour is how much less a run under a byline may weigh than
// the densest run and still be the article.
const textBylineFavour = 1.5

// textLead returns the paragraphs of the article's opening when a block
// of the site's (a job board, a gallery, a comparison table) parts it from
// the rest in units[start:end+1]: the densest run above start, two
// paragraphs or more, with no comments heading or copyright between, and
// written about the same things: many of its longer words recur below.
func textLead(units []textUnit, start, end int) []int {
	if k := textBoxedLead(units, start); k >= 0 {
		return []int{k}
	}
	a, b := textDensestRun(units[:start])
	if a < 0 || textParagraphs(units[a:b+1]) < 2 || textProseWords(units[a:b+1]) < textMinLeadWords {
		return nil
	}
	for k := b + 1; k < start; k++ {
		if units[k].stop {
			return nil
		}
	}
	above, below := textTopicWords(units[a:b+1]), textTopicWords(units[start:end+1])
	shared := textSharedWords(above, below)
	if shared < textMinSharedWords || shared*textLeadShare < len(above) {
		return nil
	}
	var lead []int
	for k := a; k <= b; k++ {
		if textKeepProse(units[k]) {
			lead = append(lead, k)
		}
	}
	return lead
}

// textBoxedLead returns the article's first paragraph when a box of
// links to other stories (its heading, then at most textMaxBoxLinks
// links) parts it from the rest at start: a paragraph of the article's
// under its byline or date, right over the box. -1 when there is none.
func textBoxedLead(units []textUnit, start int) int {
	k := start - 1
	for n := 0; k >= 0 && n < textMaxBoxLinks && !units[k].aside && (units[k].teaser || units[k].list || units[k].junk); n++ {
		k--
	}
	if k < 2 || !units[k].aside || k == start-1 {
		return -1
	}
	p := k - 1
	if u := units[p]; !textKeepProse(u) || u.words < textMinProseWords || !units[p-1].byline {
		return -1
	}
	return p
}

// textSummaryPoints returns the points that sum the article up in a short
// list right over its first paragraph, under its headline and date
// ("Mark Helfrich on the technology's potential" / "Storage as its main
// advantage"): two to five items of textMinPointWords words or more, none
// the site's or a repeat, about the article's things (their longer words
// recur in it). A menu or a teaser's links stand apart from the article
// or are written as headlines of other stories.
func textSummaryPoints(units []textUnit, first, end int) []int {
	a := first
	for a > 0 && units[a-1].list {
		a--
	}
	n := first - a
	if n < 2 || n > textMaxPoints || a == 0 || !(units[a-1].meta || units[a-1].junk || textTitleShaped(units[a-1])) {
		return nil
	}
	for i, u := range units[a:first] {
		// A point may say again what the article says (its words are
		// found below), but a line printed again is a link's.
		if u.words < textMinPointWords || u.boiler || u.aside || u.stop || u.meta || strings.HasSuffix(u.text, ":") || textPrintedAgain(units, a+i) {
			return nil
		}
	}
	// The points are no paragraphs: their words are gathered whatever
	// their shape.
	said := make(map[string]bool)
	for _, u := range units[a:first] {
		textAddTopicWords(said, u.text)
	}
	if textSharedWords(said, textTopicWords(units[first:end+1])) < n {
		return nil
	}
	var points []int
	for i := a; i < first; i++ {
		points = append(points, i)
	}
	return points
}

// textWorkedList returns the list an article works through, right over
// its first paragraph at first: a recipe's ingredients over its method, a
// kit's parts over the steps that use them. At most one heading of its
// own stands over the list and one under it ("Zutaten" / the list /
// "Zubereitung"); textMinWorkedItems items or more, none the site's, two
// in three of them opening with a quantity ("250 g", "½ Teelöffel") and
// one at least naming a thing the article's text names again. A menu or
// a box of links over the article counts no quantities, and an archive's
// years name nothing the text does. Its items are marked as list items:
// a browser's copy gives them no bullets.
func textWorkedList(units []textUnit, first, end int) []int {
	head := func(k int) bool {
		u := units[k]
		return !u.list && !u.prose && !u.junk && !u.boiler && !u.stop && !u.aside && !u.meta && u.words >= 1 && u.words <= 3
	}
	b := first - 1
	if b >= 0 && head(b) {
		b--
	}
	if list := textWorkedItems(units, first, end, b, head); list != nil {
		return list
	}
	// A recipe may set its time and difficulty under the heading of its
	// method too ("Zubereitung", "120 Minuten", "einfach"): past them,
	// a bulleted list.
	for b = first - 1; b >= 0 && b >= first-textWorkedGap && (head(b) || textWorkedNote(units[b])); b-- {
	}
	if b >= 0 && b < first-2 && (units[b].list || textBareWorkedItem(units, b)) {
		return textWorkedItems(units, first, end, b, head)
	}
	return nil
}

// textWorkedItems returns the list that ends at b, with its heading, when
// it is the worked list of the method in units[first:end+1]; nil if not.
func textWorkedItems(units []textUnit, first, end, b int, head func(int) bool) []int {
	// A browser's copy gives a list's items no bullets: there a line
	// opening with a quantity is an item, and so is a word or two among
	// them ("Salz", "Frischhaltefolie" under "20 g Mini-Marshmallows").
	a := b + 1
	for a > 0 && (units[a-1].list || textBareWorkedItem(units, a-1)) {
		a--
	}
	if b-a+1 < textMinWorkedItems {
		return nil
	}
	said := make(map[string]bool)
	for _, u := range units[first : end+1] {
		if textKeepProse(u) {
			textAddThingWords(said, u.text)
		}
	}
	named, counted := 0, 0
	for _, u := range units[a : b+1] {
		if u.boiler || u.stop || u.aside || u.junk || u.meta {
			return nil
		}
		item := make(map[string]bool)
		textAddThingWords(item, u.text)
		if textSharedWords(item, said) > 0 {
			named++
		}
		if textQuantityFirst(u.text) {
			counted++
		}
	}
	if n := b - a + 1; 3*counted < 2*n || named == 0 {
		return nil
	}
	for k := a; k <= b; k++ {
		units[k].list = true // an item the copy gave no bullet is one still
	}
	if a > 0 && head(a-1) {
		a--
	}
	var list []int
	for k := a; k < first; k++ {
		list = append(list, k)
	}
	return list
}

// textBareWorkedItem reports whether units[k], a line without a bullet,
// is an item of a worked list: it opens with a quantity, or it is a thing
// named in a word or three ("Salz", "Küchengasbrenner") under an item
// that does, one or two lines up.
func textBareWorkedItem(units []textUnit, k int) bool {
	counted := func(i int) bool {
		u := units[i]
		return !u.prose && u.words <= textMaxWorkedWords && textQuantityFirst(u.text)
	}
	if counted(k) {
		return true
	}
	u := units[k]
	if u.prose || u.list || u.words > 3 || !textKeepShort(u) || textEndsSentence(u.text) {
		return false
	}
	return k > 0 && counted(k-1) || k > 1 && !units[k-1].prose && units[k-1].words <= 3 && counted(k-2)
}

// textWorkedGap is the most lines between a list and the method under
// it.
const textWorkedGap = 3

// textWorkedNote reports a short line between a recipe's list and its
// method: its time or its difficulty.
func textWorkedNote(u textUnit) bool {
	return !u.list && !u.prose && !u.junk && !u.boiler && !u.stop && !u.aside && u.words >= 1 && u.words <= textMaxWorkedNoteWords
}

// textMaxWorkedNoteWords bounds the words of such a line.
const textMaxWorkedNoteWords = 6

// textQuantityFirst reports whether s opens with a number ("250 g", "½").
func textQuantityFirst(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsDigit(r) || unicode.Is(unicode.No, r)
}

// textAddThingWords adds the lower-cased words of s of textMinThingLen
// letters or more to m: the names of things ("Mehl", "onion").
func textAddThingWords(m map[string]bool, s string) { textAddWords(m, s, textMinThingLen) }

const (
	textMinWorkedItems = 3  // items in a list the article works through, at least
	textMinThingLen    = 4  // letters of a word that names a thing, at least
	textMaxWorkedWords = 12 // words of an item without a bullet, at most
)

// textPrintedAgain reports whether the text of units[i] is another
// unit's too.
func textPrintedAgain(units []textUnit, i int) bool {
	for k := range units {
		if k != i && strings.EqualFold(units[k].text, units[i].text) {
			return true
		}
	}
	return false
}

const (
	textMaxPoints     = 5 // more items over the article are a menu
	textMinPointWords = 5 // a shorter item is a link
)

// textProductCards returns the cards of a list of products that the
// article's last paragraph, at end, announces ("Check out our picks ...
// below"): blocks of a name, its features, its price, each closed by the
// same lines ("Available from Amazon", "Buy Now"), textMinCards or more of
// them, no farther apart than textCardGap lines. Every line of the cards
// but the pictures' placeholders is the article's.
func textProductCards(units []textUnit, end int) []int {
	if !textAnnounces(units[end].text) {
		return nil
	}
	first := make(map[string]int)
	count := make(map[string]int)
	limit := len(units)
	for i := end + 1; i < len(units); i++ {
		u := units[i]
		if u.stop {
			limit = i
			break
		}
		if u.prose || u.junk || u.list {
			continue
		}
		k := strings.ToLower(u.text)
		if _, ok := first[k]; !ok {
			first[k] = i
		}
		count[k]++
	}
	last, closing := -1, ""
	for k, f := range first {
		if f-end > textCardGap || count[k] < textMinCards || textReadMoreLabels[strings.Trim(k, " .:…»›>→")] {
			// A "read more" closes each teaser of the site's feed
			// of other posts, as a shop's link closes each card.
			continue
		}
		// Follow the closing line from card to card.
		n, at := 1, f
		for i := f + 1; i < limit && i-at <= textCardGap; i++ {
			if !units[i].prose && strings.ToLower(units[i].text) == k {
				if i-at < textMinCardLines {
					n = 0 // a gallery's captions, not cards
					break
				}
				n, at = n+1, i
			}
		}
		if n >= textMinCards && at > last {
			last, closing = at, k
		}
	}
	var cards []int
	dated, marked, blocks, mark := 0, 0, 0, false
	for i := end + 1; i <= last; i++ {
		if u := units[i]; !u.junk && !u.stop && !u.aside {
			cards = append(cards, i)
			if u.byline {
				dated++
			}
			mark = mark || u.byline || textPriceRe().MatchString(u.text) // a price or a date
			if strings.ToLower(u.text) == closing {
				blocks++
				if mark {
					marked++
				}
				mark = false
			}
		}
	}
	labelled := false // a box's labels open the block ("by Taboola", "Sponsored Links")
	for i := end + 1; i <= last && (units[i].junk || units[i].aside || units[i].boiler || units[i].meta); i++ {
		labelled = labelled || units[i].aside || units[i].boiler
	}
	if labelled && 2*marked < blocks {
		// A network's feed of sponsored headlines under its labels,
		// each closed by its button ("Undo"): no card carries a price
		// or a date, as a shop's and a tour's do (a roundup's books or
		// gadgets may show none, but no sponsor's label opens them).
		return nil
	}
	if textFeedShare*dated >= len(cards) && len(strings.Fields(closing)) >= textMinFeedTitleWords {
		// A date to every few lines, and a title repeated: a feed of
		// posts or of the latest comments ("06.11.23 - 14:00 von
		// Hans zu" over the post's title); a shop's cards carry names
		// and prices, and a tour's dates close with a button
		// ("Tickets").
		return nil
	}
	return cards
}

// textFeedShare: lines past the article of which one in this many or
// more is a date are a feed, not a list of products, when the line that
// repeats through them has textMinFeedTitleWords or more (a title).
const (
	textFeedShare         = 4
	textMinFeedTitleWords = 4
)

// textPriceRe matches a price: an amount beside a currency's sign or code
// ("$139.00", "29,99 €", "Rs 1,220", "450 zł").
var textPriceRe = lazyRegexp(`(?i)(?:[$€£¥₹]\s?\d|\d\s?(?:[$€£¥₹]|(?:eur|usd|gbp|chf|zł|kr)\b)|\b(?:rs\.?|eur|usd|gbp|chf)\s?\d)`)

// textReadMoreLabels are the links that close a teaser: "read more",
// "mehr lesen", "lire la suite", ...
var textReadMoreLabels = wordSet("read more", "continue reading", "keep reading", "more", "mehr lesen", "weiterlesen", "mehr",
	"lire la suite", "lire plus", "en savoir plus", "leer más", "seguir leyendo", "leia mais", "continuar lendo", "leggi di più",
	"continua a leggere", "czytaj dalej", "czytaj więcej", "lees meer", "lees verder", "läs mer", "les mer", "læs mere", "lue lisää")

// textAnnounces reports a paragraph whose last sentence points to what
// follows it: "... our picks below.", "... folgende Produkte:".
func textAnnounces(s string) bool {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, ":") {
		return true
	}
	low := strings.ToLower(s)
	if k := strings.LastIndexAny(strings.TrimRight(low, ".!"), ".!?"); k >= 0 {
		low = low[k:]
	}
	return textContainsAny(low, textBelowWords)
}

// textBelowWords point down the page, in the languages of Europe.
var textBelowWords = []string{" below", "as follows", " unten", "folgende", "ci-dessous", "a continuación", "abaixo", "poniżej", "qui sotto", "hieronder"}

const (
	textMinCards     = 3  // fewer blocks closed by the same lines are no list of products
	textCardGap      = 40 // lines between one card's closing line and the next's, at most
	textMinCardLines = 3  // and at least: a name, a price and the closing line
)

// textPastBoxes returns the article's paragraphs past the end of its run
// of prose units[start:end+1], each under a box of links set into it ("Related"
// and three headlines): a lone paragraph after a box earns less than the box
// costs, so the run stops over the box. A paragraph under a box is the
// article's when it is written about the same things (enough of its longer
// words occur in the run): an author's bio or the site's blurb under the
// next box is not.
func textPastBoxes(units []textUnit, start, end int) []int {
	var more []int
	above := textTopicWords(units[start : end+1])
	for k := end + 1; k < len(units) && units[k].aside; {
		m := k + 1
		// Its links: list items, or headlines a browser's copy gave no
		// bullets (textClassifyBoxItems).
		for m < len(units) && m-k <= textMaxBoxItems && (units[m].list || units[m].teaser) && !units[m].prose && !units[m].stop {
			m++
		}
		if m == k+1 || m-k > textMaxBoxItems {
			break
		}
		p := m
		for p < len(units) && textKeepProse(units[p]) && !units[p].stop && !units[p].list {
			p++
		}
		// The article's last sections, under its subheads ("What happens
		// next?"), up to the page's closing lines: the story's end, which
		// a short paragraph of its own alone did not show.
		q := p
		for q+1 < len(units) && textSubhead(units[q]) && textKeepProse(units[q+1]) && !units[q+1].stop && !units[q+1].list {
			q++
			for q < len(units) && textKeepProse(units[q]) && !units[q].stop && !units[q].list {
				q++
			}
		}
		closing := q > p && (q == len(units) || units[q].stop || units[q].aside || units[q].boiler)
		if closing {
			p = q
		}
		if p == m {
			break
		}
		below := textTopicWords(units[m:p])
		shared := textSharedWords(below, above)
		if shared < textMinBoxSharedWords || shared*textBoxShare < len(below) && !closing {
			break
		}
		for i := m; i < p; i++ {
			more = append(more, i)
		}
		k = p
	}
	return more
}

// textSubhead reports a line of the article's over its next section: a
// question ("What happens next?") or a phrase of a few words
// ("Reaction"), no site line, link, list item, date or repeat. A teaser's
// headline under a box states its story in more words ("Eastfield Road
// shop owners launch petition").
func textSubhead(u textUnit) bool {
	return !u.prose && !u.list && !u.teaser && !u.repeated && textKeepShort(u) &&
		(u.words <= textMaxSubheadWords || strings.HasSuffix(u.text, "?") && u.words <= textMaxHeadingWords)
}

// textQuantityRun reports a list of amounts in the run units[i:j] between
// the article's paragraphs: a recipe's ingredients ("1 cup ricotta", "3/4
// cup milk", "½ tsp salt"), textMinQuantities or more lines opening with
// an amount, half the run's lines at least (its headings and "Zest of 1
// lemon" the rest), half of them textMaxAmountWords words or fewer, two
// with a measure after the amount or naming a longer word the paragraphs
// beside the list use (textUnitRe, textTopicWords: a site's box of
// figures names neither). A
// box's numbered headlines are written in Title Case ("5 Ways to Beat the
// Heat") or run longer ("5 things to know about the budget"), a table of
// contents and a league table count up one by one, and times, scores and
// deals open with numbers that are no amounts (textNotAmountRe).
func textQuantityRun(units []textUnit, i, j int) bool {
	lines, numbered, rising, inSeq, measured, prev := 0, 0, 0, 0, 0, -2
	var words []int // of each amount line
	// What the paragraphs right above and below the run speak of: an
	// ingredient the method uses ("ricotta", "butter").
	near := make(map[string]bool)
	for _, k := range []int{i - 1, j} {
		if k >= 0 && k < len(units) && units[k].prose {
			textAddTopicWords(near, units[k].text)
		}
	}
	for k := i; k < j; k++ {
		u := units[k]
		if u.junk {
			continue
		}
		lines++
		if u.prose || u.words < 2 || u.words > textMaxQuantityWords || mostlyCapitalised(u.text, 3) || !textQuantityRe().MatchString(u.text) {
			continue
		}
		// A table of contents numbers its sections 1, 2, 2.1, 3 and a
		// league table its places 2, 3, 4, 5: numbers rising one by
		// one most of the way, as a recipe's amounts do not (a
		// yoghurt cake's "1 pot", "2 pots", "3 eggs" only by chance,
		// and not for long).
		major, sub, _ := strings.Cut(strings.Fields(u.text)[0], ".")
		if m, err := strconv.Atoi(major); err == nil {
			numbered++
			switch {
			case m == prev+1:
				rising++
				inSeq++
			case m == prev && sub != "":
				inSeq++ // a subsection: "3.1" under "3"
			}
			prev = m
		}
		low := strings.ToLower(u.text)
		if textNotAmountRe().MatchString(low) {
			continue
		}
		words = append(words, u.words)
		mine := make(map[string]bool)
		textAddTopicWords(mine, low)
		if textUnitRe().MatchString(low) || textSharedWords(mine, near) > 0 {
			measured++
		}
	}
	if len(words) < textMinQuantities || 2*len(words) < lines || rising >= textMinQuantities && 2*inSeq >= numbered {
		return false
	}
	if measured < 2 {
		// No measure, and nothing the paragraphs beside it speak of:
		// a site's box of figures ("3 million readers every month",
		// "120 reporters in 14 newsrooms").
		return false
	}
	// Ingredients, a packing list, a spec sheet: a few words a line; a
	// box's headlines that open with a number ("5 things to know about
	// the budget") run longer.
	slices.Sort(words)
	return words[len(words)/2] <= textMaxAmountWords
}

// textAnnouncedList reports a list in the run units[i:j] that the
// paragraph right over it announces with a colon ("The rankings were as
// follows:" over "1. Finland" ... "10. United States"): items all, none
// the site's, a teaser, a repeat or a headline (Title Case, a few words
// at most: a box of links under "Read more of our coverage:" is written
// in headlines), the paragraph no sign-up's or edition picker's
// (textSiteListCues).
func textAnnouncedList(units []textUnit, i, j int) bool {
	if i == 0 || !textKeepProse(units[i-1]) || !strings.HasSuffix(strings.TrimSpace(units[i-1].text), ":") ||
		textContainsAny(strings.ToLower(units[i-1].text), textSiteListCues) {
		return false
	}
	items := 0
	for k := i; k < j; k++ {
		u := units[k]
		if u.junk {
			continue
		}
		if !u.list || u.boiler || u.teaser || u.repeated || u.words > textMaxQuantityWords || mostlyCapitalised(u.text, 3) {
			return false
		}
		items++
	}
	return items >= textMinQuantities
}

// textSiteListCues mark a paragraph announcing the site's list, not the
// article's: its newsletters, its editions, its apps and accounts, its
// other stories.
var textSiteListCues = []string{"newsletter", "inbox", "edition", "sign up", "subscribe", "our app", "follow us",
	"our coverage", "our reporting", "more of our", "our other stories", "our latest", "read more", "more on this story",
	"you may also like", "you might also like", "related coverage"}

// textNotAmountRe matches lines that open with a number but list no
// amount: a clock time ("7 pm Jazz on the green", "6.00 News at Six"), a
// score ("2-1 Arsenal v Brentford"), a deal ("2 for £5 on cloths"), a
// table's row ending in a bare number ("2 Leeds 36 71").
var textNotAmountRe = lazyRegexp(`^\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)(?:\s|$)|^\d{1,2}[.:][0-5]\d\s|^\d+\s?[-–]\s?\d+\s.*\s(?:v|vs\.?)\s|^\d+\s+for\s+(?:\d|[$€£])|\s\d+$|\s[$€£]\s?\d[\d.,]*$|\d[\d.,]*\s?[€£]$`)

// textUnitRe matches a measure right after a line's amount ("250 g",
// "1 cup", "2 EL", "22,5 dkg", "1 db", "5 cl"), in the kitchens of
// Europe, and a spec sheet's ("8 GB", "2.4 GHz").
var textUnitRe = lazyRegexp(`^\S+\s?(?:cups?|tbsps?|tsps?|tablespoons?|teaspoons?|g|kg|mg|ml|l|dl|cl|oz|lbs?|pinch|cloves?|cans?|slices?|dkg|dag|el|tl|prise|stück|bund|päckchen|pck|msp|pots?|sachets?|cuill\S*|c\.|gramos|tazas?|cucharad\S*|łyż\S*|szklan\S*|db|csomag|tk|ek|pairs?|packs?|packets?|pieces?|pcs|bottles?|jars?|bags?|box(?:es)?|sets?|gb|tb|mb|mhz|ghz|mah|mm|cm|inch(?:es)?)\b`)

// textQuantityRe matches a line opening with an amount: "1 cup", "3/4
// cup", "½ tsp", "1 ½ tbsp", "250 g", "2-3 cloves".
var textQuantityRe = lazyRegexp(`^(?:\d+(?:[.,/]\d+)?(?:\s?[½¼¾⅓⅔⅛])?|[½¼¾⅓⅔⅛])(?:\s?[-–]\s?\d+(?:[.,/]\d+)?)?\s?\pL`)

// A recipe's list has this many amounts or more, each line this many
// words or fewer, and half of them this many or fewer.
const (
	textMinQuantities    = 3
	textMaxQuantityWords = 12
	textMaxAmountWords   = 6
)

// textMaxSubheadWords bounds a subhead that asks no question
// ("Reaction", "Background"); a longer one ("Elsewhere in the city",
// "Support local journalism") heads another story or the site's appeal.
const textMaxSubheadWords = 2

// textTopicWords returns the longer lower-cased words of the paragraphs
// among units.
func textTopicWords(units []textUnit) map[string]bool {
	m := make(map[string]bool)
	for _, u := range units {
		if textKeepProse(u) {
			textAddTopicWords(m, u.text)
		}
	}
	return m
}

// textAddTopicWords adds the longer lower-cased words of s to m.
func textAddTopicWords(m map[string]bool, s string) { textAddWords(m, s, textTopicWordLen) }

// textAddWords adds the lower-cased words of s of least letters or more
// to m.
func textAddWords(m map[string]bool, s string, least int) {
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if utf8.RuneCountInString(w) >= least {
			m[w] = true
		}
	}
}

// textSharedWords counts the words of a found in b.
func textSharedWords(a, b map[string]bool) int {
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return n
}

const (
	textMinLeadWords   = 80 // fewer words above the article's rest are no opening of it
	textMinSharedWords = 5  // longer words an opening shares with the rest, at least
	textLeadShare      = 5  // and one in this many of its longer words
	textTopicWordLen   = 6  // a word this long or longer names a topic

	textMaxBoxItems       = 8 // more links under a box heading than this are the site's lists
	textMinBoxSharedWords = 3 // longer words a paragraph under a box shares with the article, at least
	textBoxShare          = 4 // and one in this many of its longer words
)

// textCountUnderByline reports whether the comments heading at s is the
// link to the thread an article's header shows under its headline and
// byline ("How To Grow Beans" / "By Jane Roe · 4 March 2020" / "12
// Comments", "Leave a comment"), with the run of prose at start right
// under it: the article, not a thread. (A post's closing "posted by Jane at 12:53" over
// "Comments (35)" has its prose above, ending at b, and no headline
// between.) A sign-up form of the site's lines alone may stand between
// the count and the prose.
func textCountUnderByline(units []textUnit, b, s, start int) bool {
	if start-s > 3+textMaxFormLines {
		return false
	}
	between := 0 // lines between the count and the prose, a sign-up form's not counted
	for k, u := range units[s+1 : start] {
		if u.byline || u.prose {
			return false // a comment's name and date
		}
		if k == 0 && u.words <= 6 && len(u.text) > 0 && u.text[0] >= '0' && u.text[0] <= '9' {
			continue // the link's count under it ("reader comments" / "75 with 51 posters participating")
		}
		if !u.boiler && !u.junk {
			between++
		}
	}
	if between > 3 || start-s > 3 && between > 0 {
		return false
	}
	// The byline stands at most three lines over the count, the buttons
	// of a share bar between them not counted ("By Jane Roe" / "12 March
	// 2020" / "Facebook" / "Twitter" / ... / "Comments"), and the
	// headline a few lines over the byline.
	byline, headline := false, false
	near, by := 0, -1
	for k := s - 1; k > b; k-- {
		u := units[k]
		switch {
		case u.byline && near < 3:
			byline = true
			if by < 0 {
				by = k
			}
		case byline && !u.junk && textTitleShaped(u) && k >= by-textHeadGap:
			headline = true
		}
		if !textShareButton(u) {
			near++
		}
	}
	return byline && headline
}

// textShareButton reports a button of a share bar: a line of the site's
// of one or two words ("Facebook", "Copy Link").
func textShareButton(u textUnit) bool {
	return (u.boiler || u.junk) && !u.byline && !u.prose && u.words <= 2
}

// textDropTeasers drops the teasers for other pages set inside the
// article: a headline, its blurb, and a box heading ("Read more") right
// under the blurb.
func textDropTeasers(units []textUnit, body []int) []int {
	drop := make(map[int]bool)
	for _, i := range body {
		if !units[i].prose || i+1 >= len(units) || !units[i+1].aside {
			continue
		}
		h := i - 1
		for h >= 0 && units[h].junk {
			h--
		}
		// (A byline or a date over the paragraph is no teaser's
		// headline: the paragraph is the article's first.)
		if h >= 0 && !units[h].prose && !units[h].meta && textHeadlineWords(units[h].text) {
			drop[i], drop[h] = true, true
		}
	}
	if len(drop) == 0 {
		return body
	}
	keep := body[:0:0]
	for _, i := range body {
		if !drop[i] {
			keep = append(keep, i)
		}
	}
	return keep
}

// textListArticle finds an article written as a list (a calendar, a
// results table dumped as lines) above start, the first unit of the
// densest run of prose: under a headline and its date, past the share
// bar, a block of short lines with no paragraph among them, textMinListLines
// or more of them consecutive lines of one list, most not written as
// headlines (a menu's links are). The block wins only when a box heading
// or the comments stand between it and the run, which is then the page's
// sidebar of teasers. It returns the block's bounds, or -1, -1.
// textListHeads bounds the dated headlines a list article is looked for
// under: the article's is among the first, and each is read to start.
const textListHeads = 8

func textListArticle(units []textUnit, start int) (int, int) {
	// The last tags, related or comments line before start: there is one
	// after a list ending at j when it stands at j or later (found once,
	// not for each candidate: a paste of many bylines stays linear).
	lastAside := -1
	for k := start - 1; k >= 0; k-- {
		if units[k].aside || units[k].stop {
			lastAside = k
			break
		}
	}
	tried := 0
	for d := 1; d < start && tried < textListHeads; d++ {
		if !units[d].byline || !textTitleAbove(units, d) {
			continue
		}
		tried++
		i := d + 1
		for i < start && i <= d+textHeaderUnits && (units[i].junk || units[i].boiler || units[i].repeated || units[i].meta) {
			i++
		}
		lines, heads, wordy, j := 0, 0, 0, i
		for ; j < start && (units[j].junk || textKeepShort(units[j]) && !units[j].prose); j++ {
			u := units[j]
			if u.junk {
				continue
			}
			if !u.list && !u.blank {
				lines++
				if textLetterWords(u.text) >= 2 {
					wordy++
				}
			}
			if mostlyCapitalised(u.text, 3) {
				heads++
			}
		}
		// A widget's readings ("22.6 °", "97 %", "Fri") are no list of
		// the article's: most of its lines say something in words.
		if lines < textMinListLines || heads*2 >= lines || 2*wordy < lines || j < start && units[j].prose {
			continue
		}
		if lastAside >= j {
			return i, j - 1
		}
	}
	return -1, -1
}

// textLetterWords counts the words of s written in letters alone, two or
// more of them.
func textLetterWords(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		letters, digits := 0, false
		for _, r := range f {
			switch {
			case unicode.IsLetter(r):
				letters++
			case unicode.IsDigit(r):
				digits = true
			}
		}
		if letters >= 2 && !digits {
			n++
		}
	}
	return n
}

// textTitleAbove reports a headline-shaped line just above unit d (a
// placeholder may stand between).
func textTitleAbove(units []textUnit, d int) bool {
	for i := d - 1; i >= 0 && i >= d-2; i-- {
		if units[i].junk {
			continue
		}
		return textTitleShaped(units[i])
	}
	return false
}

// textListBody keeps the lines of a list article between a and b, without
// its placeholders.
func textListBody(units []textUnit, a, b int) []int {
	var body []int
	for i := a; i <= b; i++ {
		if !units[i].junk {
			body = append(body, i)
		}
	}
	return body
}

// textSiteTail reports whether the site's paragraph at i (the writer's
// contact, a newsletter pitch) closes the article in units[start:end+1]:
// what prose follows it is a small part of the run and holds more of the
// site's lines, as the promos under an article do.
func textSiteTail(units []textUnit, i, start, end int) bool {
	boiler := false
	for k := i + 1; k <= end && !boiler; k++ {
		boiler = units[k].boiler
	}
	return boiler && textTailShare*textProseWords(units[i+1:end+1]) < textProseWords(units[start:i])
}

// textPostSignature reports the line that signs a social post quoted in
// an article: a dash, the author's name and handle, the date ("— Jane Doe
// (@janedoe) November 18, 2019").
func textPostSignature(s string) bool {
	if !strings.HasPrefix(s, "—") && !strings.HasPrefix(s, "–") && !strings.HasPrefix(s, "-") {
		return false
	}
	i := strings.Index(s, "(@")
	return i > 0 && strings.IndexByte(s[i:], ')') > 2
}

// textAuthorBio reports whether units[i:j] end with the writer's name
// alone over a short biography that opens with the name and is the last
// paragraph of the run ("Jane Doe" / "Jane Doe is a reporter for ...").
// When the name is the byline's over the article ("By JANE DOE"), the
// biography may open with the surname alone, as the agencies write it
// ("JANE DOE" / "Doe covers state politics for ..."), and the site's
// prose may follow the box.
func textAuthorBio(units []textUnit, i, j, end int) bool {
	if j > end || j-1 < i {
		return false
	}
	name, bio := units[j-1], units[j]
	if name.prose || name.words < 2 || name.words > 4 || !mostlyCapitalised(name.text, 2) || bio.words > textContactWords {
		return false
	}
	if strings.HasPrefix(bio.text, name.text+" ") && textProseWords(units[j+1:end+1]) == 0 {
		return true
	}
	f := strings.Fields(strings.ToLower(name.text))
	low := strings.ToLower(bio.text)
	if !strings.HasPrefix(low, strings.Join(f, " ")+" ") && !strings.HasPrefix(low, f[len(f)-1]+" ") {
		return false
	}
	// A biography says what the writer does in a sentence, and only
	// the agency's blurb may follow it: a paragraph opening with the
	// surname ("Long lines formed …") or a section under each writer's
	// name is the article.
	if !textContainsAny(low, textWriterWords) || strings.Contains(strings.TrimSpace(low), ". ") || textProseWords(units[j+1:end+1]) > textMaxAfterBioWords {
		return false // (a biography is one sentence)
	}
	for k := 0; k < i; k++ {
		if u := units[k]; u.byline && u.words <= len(f)+textMaxBylineExtra && strings.Contains(strings.ToLower(u.text), strings.Join(f, " ")) {
			return true
		}
	}
	return false
}

// textMaxAfterBioWords bounds the prose under a wire writer's box: the
// agency's blurb.
const textMaxAfterBioWords = 60

// textMaxBylineExtra: a byline holds the writer's name and at most this
// many words more ("By", a date, a place).
const textMaxBylineExtra = 10

// textAuthorBox reports whether units[i:j] hold the head of a box about
// the writer: a short heading ending in a name ("About Jane Doe", "Sobre
// Carlos Nadalim") over a line of the name alone.
func textAuthorBox(units []textUnit, i, j int) bool {
	for k := i; k < j; k++ {
		// The box's own heading: "Author", "Über den Autor",
		// "incurvy Autorin" (the site's name and the word).
		// A picture's credit is no such heading ("Foto: Autorin").
		low := strings.ToLower(units[k].text)
		if f := strings.Fields(low); !units[k].prose && len(f) > 0 && len(f) <= 3 && textAuthorWordRe().MatchString(f[len(f)-1]) &&
			!strings.Contains(low, ":") && !textContainsAny(low, textPhotoWords) && !textContainsAny(low, []string{"foto", "bild", "zdjęcie"}) {
			return true
		}
	}
	for k := i; k+1 < j; k++ {
		u, name := units[k], units[k+1]
		if !u.prose && u.words <= 6 && name.words >= 2 && name.words <= 4 && len(name.text) < len(u.text) &&
			strings.HasSuffix(u.text, " "+name.text) && mostlyCapitalised(name.text, 2) {
			return true
		}
	}
	// Or the heading right over the writer's biography, which names
	// them ("Sobre Carlos Nadalim" / "Pai de ..., Carlos Nadalim é ..."),
	// as a browser's copy gives it without the picture's name line.
	if j < len(units) && j > i {
		h, bio := units[j-1], units[j]
		if h.prose || h.words > 6 || !textKeepProse(bio) {
			return false
		}
		// The count of the writer's pieces may follow the name ("Über
		// Steffi 1009 Artikel").
		lowH := textPieceCountRe().ReplaceAllString(strings.ToLower(h.text), "")
		m := textAboutRe().FindStringSubmatch(lowH)
		if m == nil {
			return false
		}
		// The name in its own case: the heading's words after the
		// "about" (lower-casing may change a text's length in bytes).
		about := len(strings.Fields(lowH)) - len(strings.Fields(m[1]))
		f := strings.Fields(h.text)
		name := strings.Join(f[max(about, 0):min(about+len(strings.Fields(m[1])), len(f))], " ")
		low := strings.ToLower(bio.text)
		return textAuthorWordRe().MatchString(strings.ToLower(name)) ||
			mostlyCapitalised(name, 2) && strings.Contains(low, strings.ToLower(name)) ||
			lowH != strings.ToLower(h.text) && textCapitalised(name) && strings.Contains(low, strings.ToLower(name))
	}
	return false
}

// textAboutRe matches a heading about a person, in several languages
// ("About Jane Doe", "Über die Autorin", "Sobre Carlos Nadalim"); its
// group is what follows the "about".
var textAboutRe = lazyRegexp(`^(?:about|über|ueber|sobre|à propos de|a propos de|acerca de|o|om|over|informazioni su|sull')\s+(.{3,60})$`)

// textPieceCountRe matches the count of a writer's pieces after the name
// in the heading of their box ("1009 Artikel", "24 posts").
var textPieceCountRe = lazyRegexp(`\s+\d+\s+(?:artikel|beiträge|articles|posts|stories|articoli|artículos|artigos|artykuł\w*)$`)

// textAuthorWordRe matches a heading's "the author" in several languages.
var textAuthorWordRe = lazyRegexp(`^(?:the |den |die |l'|el |la |o |a )?(?:author|autor|autorin|auteur|autrice|autore|autorze|autorce|forfatteren|författaren|schrijver)$`)

// textItemEnd cuts the run where the furniture that introduced the
// article (its share bar, its image line) comes again: on a page of
// several pieces each one opens with the same lines, so their return after
// the article's paragraphs opens the next piece.
func textItemEnd(units []textUnit, start, end int) int {
	header := make(map[string]bool)
	for i := max(0, start-textHeaderUnits); i < start; i++ {
		// A picture's credit is no such furniture: the same one
		// stands under each picture of the article.
		if u := units[i]; u.boiler && !u.prose && u.words >= 2 && !u.meta && !strings.ContainsRune(u.text, '©') {
			header[strings.ToLower(units[i].text)] = true
		}
	}
	if len(header) == 0 {
		return end
	}
	for i := start + 1; i <= end; i++ {
		if u := units[i]; !u.prose && header[strings.ToLower(u.text)] {
			n := textNextNonJunk(units, i)
			goesOn := u.words <= 3 || n > i+1 || textGoesOnUnder(units, start, i, i, end)
			if n <= end && goesOn && textKeepProse(units[i-1]) && textKeepProse(units[n]) && !textBylineWithin(units, n, end, textNextPieceLines) {
				// An advertisement's label ("Ad Feedback") set between
				// two paragraphs, as in the page's header: the article
				// goes on under it, unless a byline or a date follows
				// within a few lines (the next piece's opening). A
				// longer line (a newsletter's sign-up) lets it go on
				// only over its form's placeholders or over paragraphs
				// written about the same things: under the article's
				// last paragraph it opens the site's box or the next
				// story.
				continue
			}
			return i - 1
		}
	}
	return end
}

// textFeedEnd cuts the run before a feed of other posts under the
// article: textMinFeedEntries entries in a row, each a headline over its
// date (an author's line may stand between), with no more than its blurb
// under it. A browser's copy gives such a feed no bullets, so its blurbs
// read as the article's paragraphs. A timeline's dates have no headline
// over them, and a section of the article has more than one paragraph.
func textFeedEnd(units []textUnit, start, end int) int {
	entry := func(d int) (head int, ok bool) {
		u := units[d]
		if !u.byline || u.prose || u.list {
			return 0, false
		}
		for h := d - 1; h >= max(start+1, d-2); h-- {
			if units[h].prose {
				return 0, false
			}
			if textTitleShaped(units[h]) {
				return h, true
			}
		}
		return 0, false
	}
	for i := start + 1; i <= end; i++ {
		h, ok := entry(i)
		if !ok || textParagraphs(units[start:h]) < 2 {
			continue
		}
		n, d, bare := 1, i, true // bare: no entry has a blurb under it
		for n < textMinFeedEntries {
			next, prose := -1, 0
			for k := d + 1; k <= end && k <= d+textFeedEntryUnits; k++ {
				if _, ok := entry(k); ok {
					next = k
					break
				}
				if units[k].prose {
					prose++
				}
			}
			if next < 0 || prose > 1 {
				break
			}
			n, d, bare = n+1, next, bare && prose == 0
		}
		if n >= textMinFeedEntries && !(bare && textGoesOnUnder(units, start, h, d, end)) {
			return h - 1
		}
	}
	return end
}

// textGoesOnUnder reports whether the article in units[start:h] goes on
// under the site's lines that end at d (a box of bare teasers, headlines
// over dates with no blurb; a newsletter's sign-up line): two paragraphs
// or more in a row right under them, each sharing textMinBoxSharedWords
// longer words with the article above. A feed's entries have blurbs (on
// the article's topic too: the last one's would count), the site's lines
// under a box are about the site, and the next piece of an endless page
// opens with its headline.
func textGoesOnUnder(units []textUnit, start, h, d, end int) bool {
	// The article's last lines above say what it is about: a window of
	// them keeps a long text's many site lines from costing a pass over
	// all of it each.
	above := textTopicWords(units[max(start, h-textTopicWindow):h])
	n := 0
	for p := textNextNonJunk(units, d); n < 2 && p <= end && textKeepProse(units[p]) && !units[p].list; p = textNextNonJunk(units, p) {
		mine := make(map[string]bool)
		textAddTopicWords(mine, units[p].text)
		if textSharedWords(mine, above) < textMinBoxSharedWords {
			break
		}
		n++
	}
	return n >= 2
}

// textTopicWindow is how many units above a box or a site's line
// textGoesOnUnder reads for the article's topic.
const textTopicWindow = 40

// textMinFeedEntries is the fewest entries of a feed of posts, and
// textFeedEntryUnits the most units from one entry's date to the next's:
// its blurb, the next headline and author.
const (
	textMinFeedEntries = 3
	textFeedEntryUnits = 5
)

// textHeadlineCased reports a list item of three or more words, most of
// them capitalised and no sentence's end: a headline, as links to other
// stories are written.
func textHeadlineCased(u textUnit) bool {
	if !u.list || u.prose || u.words < 3 || textEndsSentence(u.text) {
		return false
	}
	return mostlyCapitalised(u.text, 3)
}

// textProseWords counts the words of the paragraphs among units.
func textProseWords(units []textUnit) int {
	n := 0
	for _, u := range units {
		if textKeepProse(u) {
			n += u.words
		}
	}
	return n
}

// textParagraphs counts the paragraphs among units.
func textParagraphs(units []textUnit) int {
	n := 0
	for _, u := range units {
		if textKeepProse(u) {
			n++
		}
	}
	return n
}

// textShortSentence reports whether u is a sentence, however short.
func textShortSentence(u textUnit) bool {
	return !u.list && u.words >= 3 && textEndsSentence(u.text) && !strings.HasSuffix(u.text, ":")
}

// textKeepShort reports whether a short line between paragraphs is the
// article's (a subhead) rather than the site's.
func textKeepShort(u textUnit) bool {
	return !u.junk && !u.boiler && !u.meta && !u.stop && !u.aside && u.words > 0 &&
		(!u.repeated || textShortSentence(u)) // an interview repeats its questions
}

// textDensestRun finds the contiguous run of units with the largest total
// score (Kadane's algorithm) and returns its bounds, or -1, -1 when no
// unit scores above zero.
func textDensestRun(units []textUnit) (int, int) {
	best, bestStart, bestEnd := 0.0, -1, -1
	sum, start := 0.0, 0
	for i, u := range units {
		if sum <= 0 {
			sum, start = 0, i
		}
		sum += u.score
		if sum > best {
			best, bestStart, bestEnd = sum, start, i
		}
	}
	return bestStart, bestEnd
}

// textTitle picks the article's title: above the first paragraph of the
// body, the nearest headline-shaped line that the page repeats (a title
// sits in the window title, the breadcrumb, the headline and the share
// texts), else the nearest headline-shaped line; -1 if there is none.
func textTitle(units []textUnit, body []int) int {
	if len(body) == 0 {
		return -1
	}
	first := body[0]
	for _, i := range body {
		if units[i].prose && (textEndsSentence(units[i].text) || units[i].words >= 2*textLongProseWords) {
			first = i
			break
		}
	}
	if first == 1 && body[0] == 1 && textShortTitle(units[0]) {
		// The text's first line, right over its first paragraph, is its
		// title however short ("Весна", "서울의 봄", "Spring Seoul"): a
		// menu's words are not followed by the article at once.
		return 0
	}
	const lookBack = 15
	for _, pass := range []int{0, 1, textStandfirstPass, 2, 3} {
		seen := 0
		for i := first - 1; i >= 0 && seen < lookBack; i-- {
			u := units[i]
			if u.stop && !textCountUnderByline(units, -1, i, first) {
				break
			}
			if u.stop || u.junk || u.list || u.boiler && (pass != 1 || !textTitleShaped(u)) {
				continue // share bars and menus do not push the headline away
			}
			// A box of links to other stories ("More on:", "See also"
			// and their headlines) does not push the headline away, and
			// its headlines are the title only with a byline under them.
			boxed := !u.aside && textInBox(units, i)
			if !u.boiler && !u.aside && !boxed {
				seen++
			}
			if !textTitleShaped(u) {
				continue
			}
			// The line a breadcrumb's last crumb repeats first; then a
			// headline over a byline, then over a name alone (an image's
			// credit is a name too). A headline may use the site's words
			// ("Twitter", "join"); only a byline under it tells it from
			// the site's line, and only when no other headline has one
			// (a share bar sits over bylines too).
			if pass == textStandfirstPass {
				if !boxed && !u.boiler && textOverSummary(units, i, first) {
					return i
				}
				continue
			}
			if pass == 0 && textCrumbEnds(units, i) {
				return i
			}
			if pass <= 1 && !textBylineName(units, i) && textMetaFollows(units, i, pass == 1) {
				if h := textHeadOverDate(units, i); h >= 0 {
					return h
				}
				return textDeckBelow(units, i)
			}
			if !boxed && (pass == 2 && (u.repeated || u.dup >= 0.5) || pass == 3) && !textCaptionOver(units, i) {
				return i
			}
		}
	}
	return -1
}

// textCopiedInOrder reports whether the page prints the lines a and b
// again elsewhere as a pair, a's copy right over b's (a teaser of the
// piece, its headline over its deck), or prints a twice over b (a
// headline over the same headline). A menu's link over the headline,
// both repeated in a list of the most read, comes in another order.
func textCopiedInOrder(units []textUnit, a, b int) bool {
	p := a - 1
	for p >= 0 && units[p].junk {
		p--
	}
	if p >= 0 && units[p].text == units[a].text {
		return true
	}
	for j := range units {
		if j == a || units[j].text != units[a].text {
			continue
		}
		if n := textNextNonJunk(units, j); n < len(units) && n != b && units[n].text == units[b].text {
			return true
		}
	}
	return false
}

// textBylineWithin reports a byline or a date line among the units from
// i to at most n lines on (not past end).
func textBylineWithin(units []textUnit, i, end, n int) bool {
	for k := i; k <= end && k < i+n; k++ {
		if units[k].byline {
			return true
		}
	}
	return false
}

// textNextPieceLines is how far under a label the next piece's byline
// may stand: its opening line, then its byline and date.
const textNextPieceLines = 4

// textStandfirstPass is textTitle's pass that looks for a headline right
// over its standfirst, after the passes that look for a breadcrumb's last
// crumb and for a byline, before those that take a repeated or the
// nearest headline-shaped line.
const textStandfirstPass = 4

// textOverSummary reports whether the headline-shaped line i stands right
// over a standfirst (a short paragraph of whole sentences, no repeat)
// that the article's first paragraph at first follows with no paragraph
// between: a byline's lines, a picture's, a share bar's or a box's links
// may stand between the standfirst and the text, and push the headline
// past a nearer short line (an author's name, a box's headline).
func textOverSummary(units []textUnit, i, first int) bool {
	s := textNextNonJunk(units, i)
	if s >= first || first-i > textMaxOverSummary || !textSummaryShaped(units[s]) || !textStatement(units[s].text) {
		return false
	}
	for k := s + 1; k < first; k++ {
		// A paragraph, or a headline right over the article's first
		// paragraph (a sentence's lower-case words, not a row of
		// writers' names): the pair is a teaser over the article's
		// headline.
		if units[k].prose || textNextNonJunk(units, k) == first && !units[k].boiler && textTitleShaped(units[k]) &&
			units[k].words >= textMinHeadlineWords && textHasLowerWord(units[k].text) {
			return false
		}
	}
	return true
}

// textHasLowerWord reports whether a word of s opens with a lower-case
// letter, as a sentence's do and a row of names does not.
func textHasLowerWord(s string) bool {
	for _, w := range strings.Fields(s) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// textMaxOverSummary bounds the lines from a headline over its
// standfirst to the article's first paragraph.
const textMaxOverSummary = 16

// textStatement reports whether s ends as a statement does, with a full
// stop (quotes and brackets aside): a standfirst states, a site's slogan
// exclaims and a form's invitation asks.
func textStatement(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(`"'”’»)]`, r)
	})
	return strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "..") || strings.HasSuffix(s, "。")
}

// textHeadOverDate returns the headline right over its date a few lines
// above i, when i stands over a picture's credit (the picture's own
// title, "President Pardons Turkey" over "Alex Wong | Getty Images"): a
// headline may end with a full stop ("... They just might be."). -1 if
// there is none.
func textHeadOverDate(units []textUnit, i int) int {
	if i+1 >= len(units) || !units[i+1].meta || units[i+1].byline {
		return -1
	}
	for h := i - 2; h >= 0 && h >= i-textHeadGap; h-- {
		u := units[h]
		if units[h+1].byline && !u.boiler && !u.junk && !u.list && !u.meta && u.words >= textMinHeadlineWords && u.words <= textMaxStandfirstWords/3 {
			return h
		}
	}
	return -1
}

// textCaptionOver reports whether unit i stands right over a picture's
// credit ("© Jane Roe/AP"), as a caption does; a headline stands over its
// byline or its date.
func textCaptionOver(units []textUnit, i int) bool {
	// Right over it: a headline may stand over a picture and its credit.
	if i+1 >= len(units) || !units[i+1].meta || units[i+1].byline {
		return false
	}
	// A byline before the next paragraph is the headline's.
	for j := i + 2; j < len(units) && j <= i+textHeadGap && !units[j].prose; j++ {
		if units[j].byline {
			return false
		}
	}
	return true
}

// textInBox reports whether unit i stands in a box of links under a box
// heading ("More on:", "See also"): above it, up to the heading, only
// headlines, short lines (tags) and placeholders.
func textInBox(units []textUnit, i int) bool {
	for k := i - 1; k >= 0 && k >= i-textBoxLines; k-- {
		u := units[k]
		switch {
		case u.aside:
			return true
		case u.junk || u.list || !u.prose && !u.byline && !u.stop && (textTitleShaped(u) || u.words <= 3):
		default:
			return false
		}
	}
	return false
}

// textBoxLines bounds the lines of a box of links looked through.
const textBoxLines = 12

// textBylineName reports a name alone at i under a headline or in a
// byline's block ("Jane Doe" under "By", or under the headline above its
// date): it is the writer, not the title.
func textBylineName(units []textUnit, i int) bool {
	if !textNameLine(units[i]) {
		return false
	}
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if u := units[k]; !u.junk {
			return u.byline || textNameLine(u) || textTitleShaped(u)
		}
	}
	return false
}

// textDeckBelow returns the headline over the line i when i is its deck:
// two headline-shaped lines stacked over a byline are the headline and
// its subtitle, in that order (a line that runs the headline into the
// breadcrumb is neither). A short line above (a kicker, "U.S. news"),
// or one under half as long as the line below, is the section's.
func textDeckBelow(units []textUnit, i int) int {
	if units[i].repeated {
		// The page repeats its headline, not its deck; but its teaser
		// of the piece may print both, and the deck, right over the
		// byline, is the longer (unless the breadcrumb's last crumb
		// names it, as it names the headline; and a logo's name over
		// the headline is no headline).
		k := i - 1
		for k >= 0 && units[k].junk {
			k--
		}
		if k >= 0 && k >= i-2 && units[k].repeated && textTitleShaped(units[k]) && !units[k].list && !units[k].boiler && units[k].words >= textMinHeadlineWords &&
			units[k].words < units[i].words && 2*units[k].words > units[i].words && units[k].text != units[i].text && textNextNonJunk(units, i) < len(units) && units[textNextNonJunk(units, i)].byline && !textCrumbEnds(units, i) && !strings.HasSuffix(strings.ToLower(units[k].text), " logo") &&
			textCopiedInOrder(units, k, i) {
			return k
		}
		return i
	}
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		u := units[k]
		if u.junk || u.boiler && !textTitleShaped(u) {
			continue
		}
		if textTitleShaped(u) && !u.list && u.words >= textMinHeadlineWords && 2*u.words > units[i].words &&
			!strings.Contains(u.text, units[i].text) {
			return k
		}
		break
	}
	return i
}

// textMetaFollows reports whether a byline or a date follows unit i, with
// at most two lines of subtitle or standfirst between them, as under a
// headline. The writer's name with a role counts as a byline, and with
// names so does a name alone; an image, its credit or caption and a share
// bar may stand between.
func textMetaFollows(units []textUnit, i int, names bool) bool {
	between := 0
	for j := i + 1; j < len(units) && j <= i+textHeadGap; j++ {
		u := units[j]
		switch {
		case u.byline || names && textNameLine(u) || !u.prose && u.words <= 8 && textPersonLine(u.text):
			return true
		case u.words <= 4 && strings.HasSuffix(u.text, "|"):
			// A byline row's first cell ("ET Online|" over the date).
		case u.junk || u.meta || u.boiler && !u.prose:
		case between < 2 && (textTitleShaped(u) || (u.prose || textShortSentence(u)) && !u.boiler && u.words <= textMaxStandfirstWords):
			between++
		default:
			return false
		}
	}
	return false
}

// textHeadGap bounds the lines between a headline and its byline.
const textHeadGap = 6

// textNameLine reports a line that is a name alone ("Jane Doe", "Ana de
// la Cruz"): two to four words, capitalised but for short particles, with
// no digits and no punctuation but an initial's stop or a hyphen.
func textNameLine(u textUnit) bool {
	if u.prose || u.boiler || u.words < 2 || u.words > 4 || textHasDigit(u.text) || strings.ToUpper(u.text) == u.text {
		return false
	}
	caps := 0
	for _, f := range strings.Fields(u.text) {
		r, _ := utf8.DecodeRuneInString(f)
		switch {
		case unicode.IsUpper(r):
			caps++
		case utf8.RuneCountInString(f) > 3:
			return false
		}
		for _, c := range f {
			if !unicode.IsLetter(c) && !strings.ContainsRune(".-'’", c) {
				return false
			}
		}
	}
	return caps >= 2
}

// textShortTitle reports whether u, a line of one or two words, may be a
// title: words, not the site's, no sentence, no number alone.
func textShortTitle(u textUnit) bool {
	return u.words >= 1 && u.words < textMinTitleWords && !u.junk && !u.list && !u.boiler && !u.meta && !u.aside && !u.stop &&
		!u.prose && !textEndsSentence(u.text) && 2*textBareWords(u.text) <= u.words && !strings.Contains(u.text, "://") &&
		!textNavWords[strings.ToLower(strings.Trim(u.text, " .:|»›>"))]
}

// textNavWords are a menu's first words, which a copy of a page may open
// with.
var textNavWords = map[string]bool{
	"home": true, "menu": true, "main menu": true, "start": true, "startseite": true, "accueil": true, "inicio": true, "início": true,
	"home page": true, "homepage": true, "navigation": true, "search": true, "suche": true, "login": true, "log in": true, "sign in": true,
	"anmelden": true, "skip": true, "news": true, "nachrichten": true, "главная": true,
}

func textTitleShaped(u textUnit) bool {
	// A box's heading ("Most read", "Lo más leído") is no headline.
	if u.junk || u.meta || u.list || u.aside || u.words < textMinTitleWords || u.words > textMaxTitleWords {
		return false
	}
	if u.boiler && u.words < 6 || 2*textBareWords(u.text) > u.words {
		return false // nor is a row of numbers (years, a phone number)
	}
	s := strings.TrimRight(u.text, " ")
	if strings.HasPrefix(s, "— ") || strings.HasPrefix(s, "– ") || strings.HasPrefix(s, "- ") {
		return false // a quote's attribution ("— Jane Roe on Sunday, ...")
	}
	if textPersonLine(s) || textDoubledLabel(s) || textImageName(s) || textFormField(s) || textOrganisation(s) || u.words <= 8 && textSkipLinkRe().MatchString(s) || strings.Contains(s, "://") || strings.Contains(s, "www.") || textBreadcrumb(s) || textHasAddress(s) {
		return false
	}
	if strings.HasSuffix(s, ")") {
		// A sentence and a bracket after it is a caption with its
		// credit or date: "... in Madrid. (Jane Roe/AP)".
		if k := strings.LastIndexByte(s, '('); k > 0 {
			if c := strings.TrimRight(s[:k], " "); strings.HasSuffix(c, ".") && !strings.HasSuffix(c, "...") {
				return false
			}
		}
	}
	// A headline in Title Case may end with a full stop ("Stock Falls.
	// Why You Shouldn't Worry."); a sentence is not written so, nor does
	// a headline break off as a sentence going on does ("... nothing else
	// in sight—", "... the walls,").
	return !strings.HasSuffix(s, ":") && !textBreaksOff(s) && (!strings.HasSuffix(s, ".") || strings.HasSuffix(s, "...") || mostlyCapitalised(s, 4))
}

// textBreaksOff reports a line that ends in the middle of a sentence:
// with a comma, a semicolon or a dash set close to its last word.
func textBreaksOff(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	if r == ',' || r == ';' {
		return true
	}
	if r != '—' && r != '–' {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(s[:len(s)-utf8.RuneLen(r)])
	return unicode.IsLetter(p) || unicode.IsDigit(p)
}

// textDoubledLabel reports a control's label written twice, as a
// button's text and its icon's name, or its two states: "MENÜ Menü
// schließen", "Fullscreen open Fullscreen close", "Jane Doe Jane Doe". A
// headline does not say its first word (but an article) again without a
// stop between.
func textDoubledLabel(s string) bool {
	f := strings.Fields(strings.ToLower(s))
	if len(f) < 2 || len(f) > 8 || utf8.RuneCountInString(f[0]) < 4 || // "Der Turm der Wünsche"
		strings.IndexFunc(s, func(r rune) bool { return unicode.IsPunct(r) && r != '-' }) >= 0 {
		return false
	}
	for j := 1; j < len(f); j++ {
		// "More and more people ...", "Immer mehr und mehr": a
		// headline's idiom.
		if f[j] == f[0] && !textAndWords[f[j-1]] {
			return true
		}
	}
	return false
}

// textAndWords join a word to itself in a headline's idiom ("more and
// more").
var textAndWords = map[string]bool{"and": true, "und": true, "et": true, "y": true, "e": true, "i": true, "och": true,
	"og": true, "en": true, "és": true, "a": true}

// textSkipLinkRe matches the links that let a reader skip the menus
// ("Skip to main content", "Omitir para ir al contenido principal").
// A verb, a "to" and the part skipped to: "Go-ahead for main road
// scheme" is a headline.
var textSkipLinkRe = lazyRegexp(`(?i)^(?:skip|jump|go|omitir|saltar|ir|aller|passer|pular|vai|springe|direkt)\b.{0,12}\b(?:to|al|a|au|à|para|ao|zum|zur)\b.{0,12}\b(?:content|main|navigation|contenido|contenu|conteúdo|contenuto|inhalt|hauptinhalt)\b|^(?:zum|zur) (?:inhalt|hauptinhalt|navigation|hauptnavigation)\b`)

// textLegalForms close the name of a firm or a society.
var textLegalForms = []string{"e.V.", "e. V.", "GmbH", "gGmbH", "mbH", "AG", "Inc.", "Ltd", "Ltd.", "LLC", "S.A.",
	"S.L.", "SARL", "B.V.", "N.V.", "Oy", "AB", "A/S", "S.p.A.", "plc", "PLC"}

// textOrganisation reports a line that is the name of a firm or a society
// ("Deutscher Verband Flüssiggas e.V."), the site's owner: a few words
// closed by its legal form, with no clause of a headline (a colon).
func textOrganisation(s string) bool {
	f := strings.Fields(s)
	if len(f) > 6 || strings.ContainsRune(s, ':') {
		return false
	}
	for _, lf := range textLegalForms {
		if strings.HasSuffix(s, " "+lf) {
			return true
		}
	}
	return false
}

// textFormField reports a line that holds a form's box as the dumper
// draws it ("[ ]", "[*]"): a field's label, never a headline.
func textFormField(s string) bool {
	return strings.Contains(s, "[ ]") || strings.Contains(s, "[*]")
}

// textImageWords open the name a page gives a picture of a mark, which
// the dumper writes as text ("Logo Jane's Kitchen", "Icon Instagram").
var textImageWords = map[string]bool{"logo": true, "logos": true, "logotipo": true, "logotype": true, "icon": true,
	"icono": true, "icône": true, "ícone": true}

// textImageName reports a line that names a picture of a mark: a name
// opened by the word ("Logo Deutscher Bundesjugendring") or closed by
// "logo" ("The Courier Logo"); a headline about a logo says more than a
// name.
func textImageName(s string) bool {
	f := strings.Fields(s)
	if n := len(f); n == 0 || n > 5 {
		return false // "Icon of British fashion Mary Quant dies at 93"
	}
	if n := len(f); n == 1 && strings.ContainsRune(s, '_') {
		return true // a file's name ("PCG243.Diary_Skyrim_16", "DSC_0509")
	}
	if textImageWords[strings.ToLower(f[0])] {
		return textCapitalisedAll(f[1:])
	}
	if n := len(f); strings.EqualFold(f[n-1], "logo") {
		return textCapitalisedAll(f[:n-1])
	}
	return false
}

// textCapitalisedAll reports whether every word opens with a capital.
func textCapitalisedAll(words []string) bool {
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// textBreadcrumb reports a trail of links parted by arrows or slashes
// ("News » World » Story", "Home / Essays / 2017 / Story"): one arrow
// (a French quote's » has its «), or two slashes or '>'.
func textBreadcrumb(s string) bool {
	arrows, others := 0, 0
	f := strings.Fields(s) // splits at no-break spaces too
	for _, w := range f {
		switch w {
		case "»", "›":
			arrows++
		case "/", ">":
			others++
		}
	}
	return arrows > 0 && !strings.ContainsAny(s, "«‹") || others >= 2
}

// textBareWords counts the fields of s without a letter (numbers, dashes).
func textBareWords(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		if strings.IndexFunc(f, unicode.IsLetter) < 0 {
			n++
		}
	}
	return n
}

// textHasAddress reports an e-mail address in s.
func textHasAddress(s string) bool {
	for _, f := range strings.Fields(s) {
		at := strings.IndexByte(f, '@')
		if at > 0 && strings.Contains(strings.TrimRight(f[at:], ".,;)"), ".") {
			return true
		}
	}
	return false
}

// textCrumbEnds reports whether a breadcrumb trail next to unit i ends
// with it: the trail's last crumb is the page's own title.
func textCrumbEnds(units []textUnit, i int) bool {
	for k := max(0, i-2); k < len(units) && k <= i+2; k++ {
		if s := units[k].text; k != i && len(s) > len(units[i].text) && textBreadcrumb(s) && strings.HasSuffix(s, units[i].text) {
			return true
		}
	}
	return false
}

// textRoleWords end the line that presents a writer or a picture of one:
// "Tom Krisher, AP Auto Writer", "Eric Song, IGN Staff", "Jane Doe mugshot".
var textRoleWords = []string{"writer", "writers", "staff", "correspondent", "reporter", "editor", "columnist",
	"contributor", "mugshot", "headshot", "wire services", "wire service", "staff writer", "autor", "autorin",
	"redakteur", "redakteurin", "rédaction", "redacción", "redação"}

// textRoleLabels label a line that names who made the article.
var textRoleLabels = map[string]bool{"author": true, "authors": true, "autor": true, "autorin": true, "autoren": true,
	"auteur": true, "autore": true, "translator": true, "translation": true, "übersetzer": true, "übersetzerin": true,
	"übersetzung": true, "traducción": true, "traduction": true, "protokoll": true, "redaktion": true, "text": true,
	"written by": true, "posted by": true}

// textPersonLine reports whether a short line presents a person rather
// than the article: it ends in a writer's role, or carries a social
// handle ("@name").
func textPersonLine(s string) bool {
	low := strings.ToLower(strings.TrimRight(s, " .,;"))
	for _, w := range textRoleWords {
		if strings.HasSuffix(low, " "+w) || strings.HasSuffix(low, ","+w) {
			return true
		}
	}
	// Or it opens with the role as a field's label: "Autor: Die
	// Redaktion", "Translator: Jane Doe".
	if k := strings.IndexByte(low, ':'); k > 0 && textRoleLabels[low[:k]] {
		return true
	}
	for i := strings.IndexByte(low, '@'); i >= 0 && i+1 < len(low); {
		if c := low[i+1]; c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' {
			if i == 0 || low[i-1] == ' ' {
				return true
			}
		}
		j := strings.IndexByte(low[i+1:], '@')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return false
}

// textStandfirst picks the standfirst: a paragraph short enough to be a
// summary, between the title and the first paragraph of the body, or the
// body's first paragraph itself. It returns -1 when there is none.
func textStandfirst(units []textUnit, title int, body []int) int {
	if len(body) < 2 {
		return -1
	}
	for i := title + 1; title >= 0 && i < body[0] && i <= title+2*textHeadGap; i++ {
		if textSummaryShaped(units[i]) {
			return i
		}
	}
	if c := textEarlierCopy(units, title); c >= 0 && textSummaryShaped(units[c+1]) {
		return c + 1
	}
	if textSummaryShaped(units[body[0]]) {
		return body[0]
	}
	return -1
}

// textEarlierCopy returns the headline's first copy when the title is
// its second, printed again over the article's first paragraph (a sticky
// header, the share bar's text): the first stands over the standfirst,
// with the byline and the share bar between the two and no other
// paragraph. It returns -1 when there is none.
func textEarlierCopy(units []textUnit, title int) int {
	if title < 0 || !units[title].repeated {
		return -1
	}
	key := strings.ToLower(units[title].text)
	for c := title - 2; c >= 0 && c >= title-textCopyGap; c-- {
		if strings.ToLower(units[c].text) != key {
			continue
		}
		for _, u := range units[c+2 : title] {
			if u.prose {
				return -1
			}
		}
		return c
	}
	return -1
}

// textCopyGap bounds the lines between a headline's two copies.
const textCopyGap = 25

func textSummaryShaped(u textUnit) bool {
	return u.prose && !u.list && !u.boiler && !u.meta && !u.repeated && u.words <= textMaxStandfirstWords
}

func textKeepProse(u textUnit) bool {
	return u.table || u.prose && !u.boiler && !u.repeated
}

// textShingles returns the lower-cased word 4-grams of s.
func textShingles(s string) []string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(f) < 4 {
		return nil
	}
	out := make([]string, 0, len(f)-3)
	for i := 0; i+4 <= len(f); i++ {
		out = append(out, strings.Join(f[i:i+4], " "))
	}
	return out
}

// textFurnitureFound reports whether the dump shows any sign of a web
// page around the text: a line in the site's vocabulary, a comments
// heading or a copyright line, a box heading, a byline or a credit, a
// repeated line, a placeholder or a bar of links, a list of headline links
// or a menu. Text without any of these is what a person wrote or pasted
// by itself (a note, a .txt file): every line of it is theirs. In a short
// text a date line or a repeated line is no such sign: a note is headed
// with its date, and may say a thing twice.
func textFurnitureFound(units []textUnit) bool {
	words := 0
	for _, u := range units {
		words += u.words
	}
	// A letter (a salutation over its paragraphs, a closing greeting
	// under them) is headed with its date and signed with the name it
	// opens with: no page's signs, however long.
	letter := textLetterShaped(units)
	short := words <= textShortNoteWords || letter
	head := letter  // over a letter's first paragraph: its sender's address
	signed := false // under a letter's closing: its signature block
	menu := 0       // consecutive short capitalised lines with no sentence's end
	// A heading that opens a box or a page's end ("Related articles",
	// "About the author", "Comments") is a page's sign only among others,
	// or when a text has several of them for its length: a person's own
	// text may have one such heading, and reading it as a page's lost the
	// paragraphs on one side of it.
	headings, allowed := 0, max(1, words/textWordsPerHeading)
	mail := textMailHeaders(units)
	for i, u := range units {
		switch {
		case mail[i]:
			menu = 0
			continue
		case (u.stop || u.aside) && textLoneHeading(units, i):
			if headings++; headings > allowed {
				return true
			}
			continue
		case u.boiler && !u.siteLine || u.stop || u.aside:
			return true
		case u.meta && !(short && u.byline), u.repeated && u.words >= 2 && !short:
			return true
		case u.junk && !u.chart && !textNoteJunk(u):
			return true
		case textHeadlineCased(u) && i+1 < len(units) && textHeadlineCased(units[i+1]):
			return true
		}
		head = head && !u.prose
		signed = signed || letter && !head && u.words <= textMaxSignOffWords && (textGreetingRe().MatchString(u.text) || textSignOffRe().MatchString(u.text))
		if !head && !signed && !u.prose && u.words >= 1 && u.words <= textMenuWords && !textEndsSentence(u.text) && textCapitalised(u.text) {
			menu++
			if menu >= textMenuLines {
				return true
			}
		} else {
			menu = 0
		}
	}
	return false
}

// textLetterShaped reports a letter: a salutation on a line of its own
// over the first paragraph ("Dear Mr Patel,", "Liebe Anna,") and a
// closing greeting under the last ("Yours sincerely,", "Best, Sam").
func textLetterShaped(units []textUnit) bool {
	first, last := -1, -1
	for i, u := range units {
		if u.prose {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 1 {
		return false
	}
	// The salutation under at most the sender's address and the date: a
	// page's menu and headline over an open letter are a page's.
	opens := false
	for i := max(0, first-textLetterLines); i < first && i < textLetterHead; i++ {
		if u := units[i]; u.words <= textMaxSalutationWords && textSalutationRe().MatchString(u.text) {
			opens = true
		}
	}
	if !opens {
		return false
	}
	for i := last + 1; i < len(units) && i <= last+textLetterLines; i++ {
		if u := units[i]; u.words <= textMaxSignOffWords && (textGreetingRe().MatchString(u.text) || textSignOffRe().MatchString(u.text)) {
			return true
		}
	}
	return false
}

// textSalutationRe matches a letter's salutation, in the languages of
// Europe, with its comma: "Dear Mr Patel,", "Hi Sam,", "Sehr geehrte
// Frau Roe,", "Chère Marie,".
var textSalutationRe = lazyRegexp(`^(?i:dear|hi|hello|hey|liebe[rs]?|sehr geehrte[rs]?|hallo|cher|chère|chers|bonjour|querid[oa]s?|estimad[oa]s?|hola|car[oa]|gentile|egregio|drog[ai]|szanown\p{L}*|beste|hej|hei)\b[^!?:]{0,60},$`)

// textLetterLines is how far from the paragraphs a letter's salutation
// and closing may stand (a subject line, a signature's title), and
// textMaxSalutationWords the most words of a salutation.
const (
	textLetterLines        = 3
	textLetterHead         = 8 // the most lines over a letter's salutation
	textMaxSalutationWords = 8
)

// textPersonsMail keeps of mail's header blocks those a person sent: a
// press release's distribution block ("From: Office of the Mayor", "From:
// British Retail Consortium") is the site's, a quoted mail ("From: Dr.
// Alicia Moreno") the article's.
func textPersonsMail(units []textUnit, mail map[int]bool) map[int]bool {
	for i := range units {
		if !mail[i] || textMailField(units[i]) != 1 {
			continue
		}
		_, from, _ := strings.Cut(units[i].text, ":")
		low := " " + strings.ToLower(strings.TrimSpace(from)) + " "
		if !textContainsAny(low, textOfficeWords) && !textOrganisation(strings.TrimSpace(from)) {
			continue
		}
		for k := i; k < len(units) && mail[k] && (k == i || textMailField(units[k]) != 1); k++ {
			delete(mail, k)
		}
	}
	return mail
}

// textOfficeWords name an office, not a person, in a mail's "From:".
var textOfficeWords = []string{" office", " desk", " department", " team", " press", " communications", " newsroom", " media",
	" relations", " council", " ministry", " agency", " consortium", " association", " society", " federation", " union",
	" institute", " foundation", " committee", " service", " bureau", " group", " inc", " ltd", " llc", " company"}

// textMailHeaders returns the units that head the mails of a pasted
// exchange: each sender's line, a name with its address in angle brackets
// ("Anna Keller <anna@example.org>"), the date right under it, and the
// subject over the first mail when it opens the text as a reply or a
// forward does ("Re:", "Fwd:", "AW:", "TR:", "RV:", "Odp:"). A person's
// own thread is no web page: its senders recur and its dates are meta,
// but every line of it is the writer's. Nil when no sender line is found.
func textMailHeaders(units []textUnit) map[int]bool {
	var mail map[int]bool
	senders := 0
	for i, u := range units {
		if u.words > textMaxMailSenderWords || strings.IndexByte(u.text, '@') < 0 || !textMailSender(u.text) {
			continue
		}
		if mail == nil {
			mail = make(map[int]bool)
		}
		mail[i] = true
		senders++
		if i+1 < len(units) && units[i+1].byline && units[i+1].words <= textMaxMailSenderWords {
			mail[i+1] = true
		}
	}
	if senders < 2 {
		// One "Name <address>" line is a page's byline or contact as
		// often as a mail: a thread has two senders or more.
		mail = nil
	}
	for i := 0; i < len(units); i++ {
		// A mail program's header block: "From: ..." over "Sent: ...",
		// "To: ...", "Subject: ...", each field on its line.
		if textMailField(units[i]) != 1 {
			continue
		}
		j := i + 1
		for j < len(units) && textMailField(units[j]) == 2 {
			j++
		}
		if j-i < 3 {
			continue
		}
		if mail == nil {
			mail = make(map[int]bool)
		}
		for k := i; k < j; k++ {
			mail[k] = true
		}
		i = j - 1
	}
	if mail != nil && len(units) > 0 {
		low := strings.ToLower(units[0].text)
		if k := strings.IndexByte(low, ':'); k > 0 && k <= 4 && textReplyPrefixes[low[:k]] {
			mail[0] = true
		}
	}
	return mail
}

// textMailSender reports a mail's sender line: a name followed by an
// address in angle brackets, and at most a few words after it ("wrote:").
func textMailSender(s string) bool {
	l := strings.IndexByte(s, '<')
	r := strings.IndexByte(s, '>')
	if l <= 0 || r < l {
		return false
	}
	if w := strings.Fields(s); len(w) > 0 && strings.EqualFold(w[0], "by") {
		return false // a byline with the writer's address
	}
	addr := s[l+1 : r]
	at := strings.IndexByte(addr, '@')
	return at > 0 && strings.IndexByte(addr[at:], '.') > 0 && !strings.ContainsAny(addr, " /") &&
		textWordCount(s[:l]) >= 1 && textWordCount(s[r+1:]) <= 2
}

// textMailField reports a field of a mail's header on its own line: 1 for
// the sender's ("From: Anna Keller", "Von:", "De :", "Od:"), 2 for any
// other ("Sent:", "To:", "Betreff:", "Objet :", "Asunto:"), 0 for none.
func textMailField(u textUnit) int {
	if u.prose || u.list || u.words == 0 || u.words > textMaxMailSenderWords+8 {
		return 0
	}
	k := strings.IndexByte(u.text, ':')
	if k <= 0 || k > 12 {
		return 0
	}
	switch f := strings.ToLower(strings.TrimSpace(u.text[:k])); {
	case textMailFromFields[f]:
		return 1
	case textMailFields[f]:
		return 2
	}
	return 0
}

// textMailFromFields and textMailFields label a mail header's fields in
// the mail programs' languages.
var (
	textMailFromFields = map[string]bool{"from": true, "von": true, "de": true, "od": true, "van": true, "da": true, "från": true, "fra": true}
	textMailFields     = map[string]bool{"sent": true, "date": true, "to": true, "cc": true, "bcc": true, "subject": true, "reply-to": true,
		"gesendet": true, "datum": true, "an": true, "betreff": true, "envoyé": true, "à": true, "objet": true, "enviado": true,
		"fecha": true, "para": true, "asunto": true, "wysłano": true, "data": true, "do": true, "temat": true, "dw": true,
		"verzonden": true, "aan": true, "onderwerp": true, "inviato": true, "a": true, "oggetto": true, "skickat": true,
		"till": true, "ämne": true, "sendt": true, "til": true, "emne": true}
)

// textReplyPrefixes open the subject of a reply or a forwarded mail, in
// the mail programs' languages.
var textReplyPrefixes = map[string]bool{"re": true, "fw": true, "fwd": true, "aw": true, "wg": true, "tr": true, "rv": true,
	"odp": true, "pd": true, "sv": true, "vs": true, "antw": true, "doorst": true, "enc": true, "res": true, "rif": true}

// textLoneHeading reports whether unit i is a heading that stands alone
// between paragraphs: a few words (no copyright line, no comment's
// "Name says:"), and prose, not a box of links, follows it.
func textLoneHeading(units []textUnit, i int) bool {
	u := units[i]
	if u.words > 4 || strings.ContainsAny(u.text, "©0123456789") || strings.HasSuffix(u.text, ":") {
		return false
	}
	return i+1 < len(units) && units[i+1].prose && !units[i+1].list && units[i+1].words >= textLoneHeadingWords
}

const (
	textWordsPerHeading  = 5000 // a text may hold one lone box heading per this many words
	textLoneHeadingWords = 8    // a paragraph this long under a heading is no box's link
	textShortNoteWords   = 300  // a text this long or shorter may be a note
	textMenuWords        = 4    // a menu's item is this many words or fewer
	textMenuLines        = 3    // this many such items in a row are a menu

	textMaxMailSenderWords = 12 // a mail's sender line or its date, at most
	textMaxEntryHeadLines  = 2  // a live blog entry's head: its reporter's name over its time
	textMaxFormLines       = 6  // a newsletter's sign-up form between an article's header and its text, at most
	textMinEntryHeads      = 2  // entry heads between paragraphs that make a live blog
)

// textNoteJunk reports a junk unit that a person's own note may hold: a
// line with no letters (a rule, a row of stars) or a bare web address.
// Placeholders and bars of links are a page's.
func textNoteJunk(u textUnit) bool {
	if strings.Count(u.text, "|") >= 2 || strings.IndexByte(u.text, '[') >= 0 {
		return false
	}
	return strings.TrimSpace(textURLRe().ReplaceAllString(u.text, "")) == "" || textWordCount(u.text) == 0
}

// textCapitalised reports whether the first letter of s is a capital.
func textCapitalised(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.IsUpper(r) || unicode.IsTitle(r)
		}
	}
	return false
}

// textExtendBody adds to the body the complete sentences directly above
// its first and below its last paragraph, set apart from it by blank lines
// only: a short opening or closing line of the author's ("Third one.")
// is too short to count as prose, but it is no site's line either. The
// boundary rules stop it: a byline, a date, a credit, a box heading, the
// comments, the copyright, a share bar or any other line in the site's
// vocabulary.
func textExtendBody(units []textUnit, body []int) []int {
	if len(body) == 0 {
		return body
	}
	var before []int
	for i := body[0] - 1; i >= 0 && units[i+1].blank && textLooseSentence(units[i]); i-- {
		before = append(before, i)
	}
	if len(before) > 0 {
		out := make([]int, 0, len(before)+len(body))
		for k := len(before) - 1; k >= 0; k-- {
			out = append(out, before[k])
		}
		body = append(out, body...)
	}
	for i := body[len(body)-1] + 1; i < len(units) && (units[i].blank || textLeadsOn(units[i-1].text)) && textLooseSentence(units[i]); i++ {
		body = append(body, i)
	}
	if n := len(body); n > 1 && textContactLine(units[body[n-1]]) {
		body = body[:n-1]
	}
	body = append(body, textSignOff(units, body[len(body)-1]+1)...)
	body = append(body, textDataList(units, body[len(body)-1]+1)...)
	return append(body, textSectionedList(units, body[len(body)-1]+1)...)
}

// textSignOff returns the blogger's sign-off right under the article
// ("x Franzi", "Euer Hans", "Love, Jane"), with the one short closing
// line that may stand over it ("Ich wünsche euch allen einen schönen
// Sonntag <3"): no sentence, too short for prose, but the author's.
func textSignOff(units []textUnit, at int) []int {
	for k := at; k < len(units) && k <= at+1; k++ {
		u := units[k]
		if u.list || u.boiler || u.stop || u.aside || u.repeated || u.table {
			return nil
		}
		if u.words <= textMaxSignOffWords && textSignOffRe().MatchString(u.text) {
			var out []int
			for i := at; i <= k; i++ {
				out = append(out, i)
			}
			return out
		}
		if k+1 < len(units) && textGreetingRe().MatchString(u.text) && textNameAlone(units[k+1]) && textClosesText(units, k+2) {
			// "Thanks," over "Rob": the greeting and the name on
			// lines of their own, as a letter ends.
			var out []int
			for i := at; i <= k+1; i++ {
				out = append(out, i)
			}
			return out
		}
		if u.prose || u.meta || u.junk || u.words > textMaxHeadingWords || textHeadlineWords(u.text) {
			return nil
		}
	}
	return nil
}

// textSignOffRe matches a sign-off: a kiss, a greeting or a "yours" in the
// languages of Europe, then the writer's name ("xx Anna", "Liebe Grüße,
// Jana", "Euer HansEhrlich", "Bisous, Marie"). A greeting takes its comma
// and a kiss is small: "X Corp", "Love Island" and "Cheers Bristol" are
// a follow bar's and a box's links.
var textSignOffRe = lazyRegexp(`^(?:(?:x{1,3}|xo(?:xo)?|[xX]{2,3},)\s*|(?i:euer|eure|dein|deine)\s+|(?i:` + textGreetings + `)[,!]\s*)\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*)?[\s!.]*$`)

// textGreetings are the closing greetings of a letter or a post, in the
// languages of Europe: over a name on its line (textSignOffRe) or on a
// line of their own (textGreetingRe).
const textGreetings = `love|lots of love|cheers|best|best wishes|all the best|yours|yours sincerely|yours truly|sincerely|respectfully|regards|kind regards|warm regards|best regards|hugs|take care|thanks|many thanks|thank you|liebe grüße|viele grüße|herzliche grüße|beste grüße|lg|alles liebe|danke|bisous|gros bisous|cordialement|amitiés|besos|abrazos|un abrazo|saludos|baci|un abbraccio|cordiali saluti|pozdrawiam|groetjes|liefs|kram|hilsen`

// textGreetingRe matches a letter's closing greeting on a line of its
// own, its comma kept ("Thanks,", "Best wishes,", "Liebe Grüße,").
var textGreetingRe = lazyRegexp(`^(?i:` + textGreetings + `)[,!]$`)

// textNameAlone reports a line that is a first name or a name, alone:
// one or two capitalised words, no sentence, none of a box heading's
// ("Latest News", "Most Popular").
func textNameAlone(u textUnit) bool {
	f := strings.Fields(u.text)
	if u.prose || u.list || u.boiler || u.aside || len(f) == 0 || len(f) > 2 || textEndsSentence(u.text) {
		return false
	}
	for _, w := range f {
		if textBoxHeadingWords[strings.ToLower(w)] {
			return false
		}
	}
	for _, w := range f {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) || strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && r != '.' && r != '-' }) >= 0 {
			return false
		}
	}
	return true
}

// textBoxHeadingWords are words of a page's box headings that no name is
// ("Latest News", "More Stories", "Top Headlines", "Live Updates").
var textBoxHeadingWords = wordSet("news", "stories", "story", "popular", "headlines", "updates", "latest", "top", "more", "live",
	"most", "read", "related", "trending", "video", "videos", "nachrichten", "meistgelesen", "aktuell", "actualités", "noticias")

// textClosesText reports whether nothing of the article's or the page's
// text follows unit at-1 but the page's closing lines (a copyright, the
// site's lines, a box's heading) or a P.S.: a letter's sign-off closes it.
func textClosesText(units []textUnit, at int) bool {
	for k := at; k < len(units); k++ {
		u := units[k]
		switch {
		case u.junk:
			continue
		case u.stop || u.boiler || u.aside || strings.HasPrefix(u.text, "P.S") || strings.HasPrefix(u.text, "PS:"):
			return true
		}
		return false
	}
	return true
}

// textMaxSignOffWords bounds a sign-off.
const textMaxSignOffWords = 5

// textContinues reports whether the paragraph p opens in the middle of a
// sentence that the short line u over it starts: p's first letter is a
// small one, and u, the article's and no list item, ends no sentence.
func textContinues(u, p textUnit) bool {
	first, _, _ := strings.Cut(p.text, " ")
	if !p.prose || first == "" || strings.ToLower(first) != first || !unicode.IsLetter([]rune(first)[0]) {
		return false // a capital: a sentence of its own, or a name ("iPhone sales rose", "eBay said")
	}
	if f := strings.Fields(u.text); len(f) >= 3 && textCapitalisedAll(f) {
		return false // a subhead in title case ("Key Points From The Call")
	}
	return !u.prose && !u.list && u.words >= 2 && textKeepShort(u) && !u.repeated &&
		!textEndsSentence(u.text) && textCapitalised(u.text) && textCaseJoins(u.text) == 0
}

// textJoinLeadIn joins to the body's first paragraph the line over it
// that begins its sentence: a lead-in the page set in bold on a line of
// its own ("Der Wettbewerb für Kinder" / "findet 2020 zum 6. Mal statt"),
// which was lost. The title is never one (a paragraph under it that opens
// with a small letter, "de Gaulle …", is a sentence of its own).
func textJoinLeadIn(units []textUnit, body []int, title int) {
	if len(body) == 0 {
		return
	}
	if f := body[0]; f > 0 && f-1 != title && textContinues(units[f-1], units[f]) {
		units[f].text = units[f-1].text + " " + units[f].text
		units[f].words += units[f-1].words
	}
}

// textLeadsOn reports a paragraph ending in a colon: the line under it,
// blank line or not, goes on with what it announces ("... und die
// Gewissheit:" / "Begeisterung ist ansteckend!").
func textLeadsOn(s string) bool {
	return strings.HasSuffix(strings.TrimSpace(s), ":")
}

// textSectionedList returns the lists under short headings that follow
// the article past a few lines of furniture, as a recipe card follows the
// post ("Ingredients" and its items, "Instructions" and its steps): two
// sections or more, textMinListLines items or more, two of them or more
// sentences (a footer's link lists have none) and at most one written as
// a headline. Nothing else is taken.
func textSectionedList(units []textUnit, at int) []int {
	k := at
	for k < len(units) && k < at+textRecipeCardGap && !(textSectionHead(units[k]) && k+1 < len(units) && units[k+1].list) {
		if units[k].stop || units[k].aside {
			return nil
		}
		if k >= at+textCommentsGap && (units[k].prose || units[k].list || units[k].words > textMaxCardLineWords) {
			return nil // past a few lines only a card's short labels and figures
		}
		k++
	}
	var out []int
	sections, items, sentences, heads := 0, 0, 0, 0
	for k < len(units) && textSectionHead(units[k]) {
		j := k + 1
		for j < len(units) && units[j].list && !units[j].stop && !units[j].aside && !units[j].junk {
			if textEndsSentence(textItemTail(units[j].text)) {
				sentences++
			}
			if textHeadlineCased(units[j]) {
				heads++
			}
			j++
		}
		if j-k-1 < 2 {
			break
		}
		sections++
		items += j - k - 1
		for i := k; i < j; i++ {
			out = append(out, i)
		}
		k = j
	}
	if sections < 2 || items < textMinListLines || sentences < 2 || heads > 1 {
		return nil
	}
	return out
}

// textItemTail returns s without what may trail its last sentence on the
// page unseen: a picture's placeholder glued to it and invisible marks
// (U+2063, U+200B, U+FEFF) a recipe plugin leaves after each step.
func textItemTail(s string) string {
	return strings.TrimRightFunc(textDropPlaceholders(s), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r)
	})
}

// textSectionHead reports a short heading of the article's own, not the
// site's: a line of one to three words.
func textSectionHead(u textUnit) bool {
	return !u.list && !u.prose && u.words >= 1 && u.words <= 3 && textKeepShort(u)
}

// textContactLine reports how to reach the writer, which closes an
// article and is no part of it: a short paragraph with an e-mail address
// ("Have a tip? Jane may be reached at jane@example.com.").
func textContactLine(u textUnit) bool {
	return u.words <= textContactWords && textHasAddress(u.text) &&
		!(u.words > textShortContactWords && textAppealsForOthers(strings.ToLower(u.text)))
}

// textShortContactWords: a contact line may run longer (a bio with its
// address, a newsroom's tip line), but then it asks nothing for others.
const textShortContactWords = 25

// textAppealsForOthers reports a story's appeal to its readers on behalf
// of others ("police have asked anyone with dashcam footage to email the
// detective"): the story's last word, not how to reach its writer.
func textAppealsForOthers(low string) bool {
	return textContainsAny(low, []string{"anyone with", "witness", "investigat", "police", "zeugen", "polizei", "témoin", "testigo"})
}

// textDataList returns the list that closes an article right after unit
// at-1, under a short heading or none: textMinListLines or more items
// punctuated alike ("England (Group A): 10th appearance"), as rows of data
// are and a box of headlines, each worded its own way, is not. A browser's
// copy gives the items no bullets, but no blank line between them either.
func textDataList(units []textUnit, at int) []int {
	tight := func(i int) bool { return i < len(units) && !units[i].list && !units[i].blank }
	first := at // the list's heading or first row (at-1, the body's last paragraph, is kept already)
	if at < len(units) && !units[at].list && textKeepShort(units[at]) && units[at].words <= textMaxHeadingWords && !textLabelRow(units[at].text) &&
		(at+1 < len(units) && units[at+1].list || tight(at+2)) {
		at++ // the list's heading
	}
	if at >= len(units) || !units[at].list && !tight(at+1) {
		return nil
	}
	skel := textPunctuation(units[at].text)
	labelled := textLabelRow(units[at].text)
	if len([]rune(skel)) < 2 && !labelled {
		return nil
	}
	// Rows alike: punctuated alike, or each a label and its value
	// ("Farbe: grün", "Verdicker/Basisöl: Li-Seifen/Mineralöl"), as a
	// product's data or a photo's details are given.
	alike := func(s string) bool {
		return textPunctuation(s) == skel || labelled && textLabelRow(s)
	}
	listed := units[at].list
	end := at
	for end < len(units) && (listed && units[end].list || !listed && (end == at || tight(end))) &&
		!units[end].prose && !units[end].boiler && alike(units[end].text) {
		end++
	}
	if end-at < textMinListLines && !(labelled && end-at >= textMinLabelRows) {
		return nil
	}
	var out []int
	for i := first; i < end; i++ {
		if i >= at || !units[i].list && textKeepShort(units[i]) {
			out = append(out, i)
		}
	}
	return out
}

// textMinLabelRows is the fewest rows of a label and its value that close
// an article as its data (a product's five specifications): each row
// says what it is, so fewer than textMinListLines are no box of links.
const textMinLabelRows = 5

// textLabelRow reports a row of data: a label of one to three words, a
// colon, and its value ("Brennweite in mm: 180"). How to reach the site
// ("Phone: 0117 …", "Address: …", "Contact: news@…") is no article's
// data, though its rows are written so.
func textLabelRow(s string) bool {
	k := strings.Index(s, ": ")
	if k <= 0 || textWordCount(s[:k]) > 3 || strings.TrimSpace(s[k+1:]) == "" {
		return false
	}
	low := strings.ToLower(s)
	if textHasAddress(s) || strings.Contains(low, "http") || strings.Contains(low, "www.") {
		return false
	}
	for _, w := range strings.Fields(low[:k]) {
		if textContactLabels[strings.Trim(w, ".-")] {
			return false
		}
	}
	return true
}

// textContactLabels are the words of the labels of a site's contact
// details, in the languages of Europe.
var textContactLabels = map[string]bool{"contact": true, "kontakt": true, "phone": true, "telephone": true, "telefon": true, "tel": true,
	"fax": true, "mail": true, "e-mail": true, "email": true, "address": true, "adresse": true, "anschrift": true, "opening": true,
	"öffnungszeiten": true, "hours": true, "company": true, "registered": true, "vat": true, "ust-id": true, "ust-idnr": true,
	"téléphone": true, "horaires": true, "teléfono": true, "dirección": true, "horario": true, "telefone": true, "endereço": true,
	"indirizzo": true, "orari": true, "telefono": true, "kontaktdaten": true, "handelsregister": true}

// textPunctuation is the punctuation of s, in order.
func textPunctuation(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsPunct(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// textLooseSentence reports a complete sentence that is no site's line:
// a capital first, a full stop, ! or ? (or a closing quote) last, and
// nothing of the site's vocabulary, a byline's or a heading's.
func textLooseSentence(u textUnit) bool {
	if u.list || u.junk || u.boiler || u.stop || u.aside || u.meta || u.repeated || u.table || u.words < 2 {
		return false
	}
	if !textCapitalised(u.text) || textHeadlineWords(u.text) {
		return false
	}
	s := strings.TrimRightFunc(u.text, unicode.IsSpace)
	r, _ := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune(`"”’»`, r) {
		return true
	}
	s = strings.TrimRightFunc(s, func(r rune) bool { return strings.ContainsRune(`')]`, r) || unicode.IsSpace(r) })
	r, _ = utf8.DecodeLastRuneInString(s)
	// A blogger ends a sentence with a smiley as well as a stop
	// ("... und das gefällt mir 😉").
	return strings.ContainsRune(".!?", r) && !strings.HasSuffix(s, "...") || r >= 0x1f300 && unicode.Is(unicode.So, r)
}

// textHeadlineWords reports text of four or more words most of which are
// capitalised: a headline, however it ends.
func textHeadlineWords(s string) bool {
	return mostlyCapitalised(s, 4)
}

// mostlyCapitalised reports whether s has at least least words and seven in
// ten of them start with a capital letter (words not starting with a
// letter are not counted).
func mostlyCapitalised(s string, least int) bool {
	caps, n := 0, 0
	for _, f := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(f)
		if !unicode.IsLetter(r) {
			continue
		}
		n++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return n >= least && caps*10 >= n*7
}

// textDropClosingBio leaves out the writer's biography that closes the
// article: its last paragraph opens with a person's name and a verb
// ("Jane Doe is a reporter ...", "TIM ANDERSON has done many things"),
// the name a line above the article gives nearly alone (the byline "By
// Jane Doe") or the paragraph tells how to reach them (an e-mail address,
// "Follow me on ..."), and no other paragraph of the article names any
// part of it.
// A news story's closing paragraph about someone it reports on names them
// in the story before; a personal note has no byline (textNote).
func textDropClosingBio(units []textUnit, body []int) []int {
	n := len(body)
	if n < 3 {
		return body
	}
	last := units[body[n-1]]
	if !last.prose || last.words > textMaxBioWords {
		return body
	}
	name, parts := textBioName(last.text)
	if name == "" {
		return body
	}
	lowName := strings.ToLower(name)
	byline := false
	for i := 0; i < body[n-1] && !byline; i++ {
		// The byline may head the article's body (a line kept
		// over its first paragraph) or stand above it.
		u := units[i]
		if u.prose || u.words > textMaxBylineWords {
			continue
		}
		low := strings.ToLower(u.text)
		byline = strings.Contains(low, lowName) && textWordCount(strings.ReplaceAll(low, lowName, " ")) <= textBylineExtraWords
	}
	if !byline && !(textReachable(last.text) && textContainsAny(strings.ToLower(last.text), textWriterWords)) {
		return body // a story's last word on someone, asking to be e-mailed, is no writer's biography
	}
	paras := 0
	for _, i := range body[:n-1] {
		if u := units[i]; !u.prose && strings.Contains(strings.ToLower(u.text), lowName) {
			continue // the byline itself, heading the body
		}
		for _, p := range parts {
			if textWordIn(units[i].text, p) {
				return body // the article speaks of them: the paragraph is its own
			}
		}
		if units[i].prose {
			paras++
		}
	}
	if paras < 2 {
		return body
	}
	return body[:n-1]
}

const (
	textMaxBioWords      = 150 // a longer closing paragraph is no biography
	textMaxBylineWords   = 12  // a longer line naming the writer is no byline
	textBylineExtraWords = 3   // words a byline holds besides the name ("By", "IGN Staff")
)

// textBioVerbs are the verbs that follow a name in a biography's first
// words ("is", "ist", "est", "es", "è", "jest", "has", "writes", ...).
var textBioVerbs = wordSet("is", "was", "has", "writes", "lives", "works", "ist", "war", "hat", "schreibt", "lebt", "arbeitet",
	"est", "était", "écrit", "vit", "travaille", "es", "fue", "escribe", "vive", "trabaja", "è", "scrive", "lavora",
	"jest", "był", "była", "pisze", "é", "foi", "escreve", "trabalha", "werkt", "schrijft", "woont")

// textBioName returns the name a biography opens with, two to four
// capitalised words before one of textBioVerbs ("Leah C. Stokes is",
// "TIM ANDERSON has"), and its words of three letters or more as a
// paragraph of the article would write them ("Tim", "Anderson"); ""
// when s opens otherwise.
func textBioName(s string) (name string, parts []string) {
	f := strings.Fields(s)
	for k := 0; k < len(f) && k <= 4; k++ {
		if textBioVerbs[f[k]] {
			if k < 2 {
				return "", nil
			}
			for _, w := range f[:k] {
				w = strings.TrimRight(w, ".,")
				if utf8.RuneCountInString(w) < 3 {
					continue // an initial
				}
				if strings.ToUpper(w) == w {
					// A name set in capitals ("TIM ANDERSON") is
					// written "Anderson" in a paragraph.
					rs := []rune(strings.ToLower(w))
					rs[0] = unicode.ToUpper(rs[0])
					w = string(rs)
				}
				parts = append(parts, w)
			}
			if len(parts) == 0 {
				return "", nil
			}
			return strings.Join(f[:k], " "), parts
		}
		if r, _ := utf8.DecodeRuneInString(f[k]); !unicode.IsUpper(r) || !unicode.IsLetter(r) {
			return "", nil
		}
	}
	return "", nil
}

// textReachable reports a paragraph that tells how to reach its writer:
// an e-mail address (or the placeholder a dump gives a hidden one), or
// "Follow me on ...", "Folgt mir auf ...", "Suivez-moi sur ...".
func textReachable(s string) bool {
	if textHasAddress(s) || strings.Contains(s, "[email") {
		return true
	}
	low := strings.ToLower(s)
	return textContainsAny(low, textFollowWords) && textFollowMeRe().MatchString(low)
}

// textFollowWords are what textFollowMeRe needs one of.
var textFollowWords = []string{"follow", "folg", "suivez", "sígue", "segui"}

// textFollowMeRe matches a writer's "follow me/us on" in several languages.
var textFollowMeRe = lazyRegexp(`\bfollow (?:me|us|him|her|them) (?:on|at)\b|\bfolg(?:t|e|en sie) (?:mir|uns|ihm|ihr) (?:auf|bei)\b|\bsuivez-(?:moi|nous|le|la)\b|\bsígue(?:me|nos|lo|la)\b|\bseguimi\b|\bseguici\b`)

// textWordIn reports whether w stands in s as a word of its own.
func textWordIn(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		before, _ := utf8.DecodeLastRuneInString(s[:j])
		after, _ := utf8.DecodeRuneInString(s[j+len(w):])
		if (j == 0 || !unicode.IsLetter(before)) && (j+len(w) == len(s) || !unicode.IsLetter(after)) {
			return true
		}
		i = j + len(w)
	}
}

// textAsideFeed reports whether the run of lines units[i:j] heads a box
// of teasers that closes the article in units[start:end+1]: the run holds
// an aside's heading ("Das könnte Sie auch interessieren", "Pour
// approfondir"), and the paragraphs below it, two or more, each stand
// alone between the teasers' headlines and kickers, none next to another
// (an article that goes on below a box of links has paragraphs that
// follow one another), and weigh less than the article above.
func textAsideFeed(units []textUnit, start, i, j, end int) bool {
	aside := false
	for k := i; k < j && !aside; k++ {
		aside = units[k].aside
	}
	if !aside {
		return false
	}
	// A paragraph under a question or a lead-in (the article's subheads:
	// "What happens next?") is no teaser's blurb: the article goes on.
	blurbs, pairs, longest := 0, 0, 0
	next := func(k int) int { return min(textNextNonJunk(units, k), end+1) }
	for k := j; k <= end; k++ {
		if !textKeepProse(units[k]) {
			continue
		}
		if p := k - 1; p > j && (strings.HasSuffix(units[p].text, "?") || strings.HasSuffix(units[p].text, ":")) {
			return false
		}
		n := next(k)
		if n <= end && textKeepProse(units[n]) {
			// A teaser's headline written as a sentence over its
			// blurb, and none of the article's lines under them. A
			// headline asks, exclaims or is cut short ("...?", "..."); a
			// line ending with a full stop is the article's paragraph.
			head := strings.TrimRight(units[k].text, "\"”’'»")
			stated := strings.HasSuffix(head, ".") && !strings.HasSuffix(head, "...")
			if m := next(n); stated || units[k].words > textMaxTeaserHeadWords || units[n].words > textMaxTeaserBlurbWords || m <= end && textKeepProse(units[m]) {
				return false
			}
			k, pairs = n, pairs+1
		} else {
			longest = max(longest, units[k].words)
		}
		blurbs++
	}
	if pairs > 0 && (longest > textMaxTeaserBlurbWords || pairs < blurbs) {
		// Teasers' blurbs are short all: a long paragraph among them
		// is the article's, going on below the box.
		return false
	}
	return blurbs >= textMinFeedBlurbs && textProseWords(units[j:end+1]) < textProseWords(units[start:i])
}

// textMinFeedBlurbs: fewer lone paragraphs under a box's heading may be
// the article's last (a box of links set inside it, above its close).
const textMinFeedBlurbs = 2

// textMaxTeaserHeadWords and textMaxTeaserBlurbWords bound a teaser's
// headline and its blurb: a pair of longer paragraphs is the article's.
const (
	textMaxTeaserHeadWords  = 20
	textMaxTeaserBlurbWords = 50
)
