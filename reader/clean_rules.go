package reader

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// The cleaning rules. Each one is about a kind of page furniture, never a
// site: tags that are not prose, class and id names sites give furniture,
// lists of links, and short blocks whose words say what they are
// (captions, credits, datelines, "Advertisement", "Read more").

// furnitureTags never hold the article's prose once go-readability has
// chosen the content.
var furnitureTags = map[string]bool{
	"figcaption": true, "nav": true, "aside": true, "footer": true, "form": true,
	"button": true, "dialog": true, "menu": true, "header": true, "address": true,
	"select": true, "input": true, "textarea": true, "label": true,
}

// dropTag removes furniture elements, unless one holds a large share of the
// text (a site that wraps its whole story in <header> is still a story).
func dropTag(n *html.Node, size, total int) bool {
	if !furnitureTags[n.Data] || size*4 > total {
		return false
	}
	if n.Data == "header" && holdsProse(n) {
		// An article's <header> often holds its standfirst under the
		// headline: the headline and the dateline around it go by the
		// end rules, the paragraph stays.
		return false
	}
	return true
}

// holdsProse reports whether a leaf block under n reads as a paragraph.
func holdsProse(n *html.Node) bool {
	found := false
	leaves(n, func(l leaf) bool {
		found = strings.Count(l.text, " ") >= 9 && isProse(l.text) && !isFurnitureText(l.text)
		return !found
	})
	return found
}

// classWords are the class and id words of page furniture, matched as
// whole words of a class or id split at punctuation and case changes.
var classWords = map[string]bool{
	"ad": true, "ads": true, "adsbygoogle": true, "advert": true, "advertisement": true,
	"advertising": true, "share": true, "shares": true, "sharing": true, "sharebar": true,
	"sharethis": true, "sharedaddy": true, "social": true, "tag": true, "tags": true,
	"bio": true, "meta": true, "date": true, "time": true, "published": true, "updated": true,
	"posted": true, "hidden": true, "hide": true, "print": true, "skip": true, "nav": true,
	"navigation": true, "menu": true, "footer": true, "widget": true, "widgets": true,
	"rail": true, "kicker": true, "eyebrow": true, "byline": true, "bylines": true,
	"author": true, "authors": true, "caption": true, "captions": true, "credit": true,
	"credits": true, "copyright": true, "related": true, "newsletter": true,
	"subscribe": true, "subscription": true, "promo": true, "promotion": true,
	"sponsor": true, "sponsored": true, "comment": true, "comments": true,
	"breadcrumb": true, "breadcrumbs": true, "timestamp": true, "dateline": true,
	"sidebar": true, "trending": true, "recommended": true, "recommendations": true,
	"disclaimer": true, "disclosure": true, "outbrain": true, "taboola": true,
	"signup": true, "popular": true, "mostread": true, "readmore": true, "toolbar": true,
	"visually": true, "offscreen": true, "sr": true, "screenreader": true, "rollover": true,
	"count": true, "newscaption": true, "wpcaption": true, "attribution": true, "source": true,
	// A wiki's link to edit a section, in its heading ("Details[edit]").
	"editsection": true,
}

// recipeSteps are the steps of a recipe whose time (a class "prep-time",
// "preparation__time") is the recipe's own, not a timestamp.
var recipeSteps = wordSet("prep", "preparation", "cook", "cooking", "bake", "baking", "total", "wait", "waiting", "rest", "resting", "chill", "chilling", "active", "inactive")

// classSubstrings catch furniture words run into others ("socialIcons",
// "articleByline").
var classSubstrings = []string{"caption", "byline", "social", "newsletter", "subscri", "related",
	"comment", "advert", "breadcrumb", "timestamp", "sharebar", "sharing", "copyright", "credit",
	"sponsor", "trending", "recommend", "readmore", "promo"}

// classIsFurniture reports whether a class or id names page furniture.
func classIsFurniture(n *html.Node) bool {
	var names string
	for _, a := range n.Attr {
		if a.Key == "class" || a.Key == "id" {
			names += " " + a.Val
		}
	}
	if names == "" {
		return false
	}
	for _, tok := range strings.Fields(names) {
		if tokenIsFurniture(tok) {
			return true
		}
	}
	return false
}

// tokenIsFurniture judges one class or id name. Names a stylesheet
// generated (a hash: "tagStyle_z4kqwb") and script hooks ("js-readmore",
// a button that unfolds the text) say nothing of what they hold, and
// "hidden" names the element hidden only as the name's first word
// ("field--label-hidden" hides the field's label, not the field), or in
// "text-hide".
func tokenIsFurniture(tok string) bool {
	words := splitName(tok)
	if len(words) == 0 || generatedName(tok) {
		return false
	}
	if words[0] == "js" {
		return false
	}
	for i, w := range words {
		if !classWords[w] {
			continue
		}
		if (w == "hidden" || w == "hide") && i > 0 && !classWords[words[i-1]] && words[i-1] != "is" && !textHide(words) {
			continue
		}
		if w == "time" && i > 0 && recipeSteps[words[i-1]] {
			continue // "prep-time", "cooking__time": how long a step takes
		}
		return true
	}
	lower := strings.ToLower(tok)
	for _, s := range classSubstrings {
		if strings.Contains(lower, s) {
			return true
		}
	}
	return false
}

// textHide reports whether a class is Bootstrap's "text-hide", which hides
// the element's own text (a heading kept for screen readers, a logo's name).
func textHide(words []string) bool {
	return len(words) == 2 && words[0] == "text" && words[1] == "hide"
}

// generatedName reports whether a class name carries a hash: a run of five
// or more letters and digits holding both.
func generatedName(tok string) bool {
	run, letters, digits := 0, false, false
	for i := 0; i <= len(tok); i++ {
		c := byte('-')
		if i < len(tok) {
			c = tok[i]
		}
		isDigit := c >= '0' && c <= '9'
		isAlpha := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if isDigit || isAlpha {
			run++
			letters, digits = letters || isAlpha, digits || isDigit
			continue
		}
		if run >= 5 && letters && digits {
			return true
		}
		run, letters, digits = 0, false, false
	}
	return false
}

// splitName splits class and id names into lower-case words at
// punctuation, digits and lower-to-upper case changes.
func splitName(s string) []string {
	var words []string
	start := -1
	for i := 0; i <= len(s); i++ {
		var c byte
		if i < len(s) {
			c = s[i]
		}
		isLetter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		boundary := !isLetter || (i > 0 && c >= 'A' && c <= 'Z' && s[i-1] >= 'a' && s[i-1] <= 'z')
		if boundary && start >= 0 {
			words = append(words, strings.ToLower(s[start:i]))
			start = -1
		}
		if isLetter && start < 0 {
			start = i
		}
	}
	return words
}

// dropClass removes an element whose class or id names furniture, unless
// it holds a large share of the text or an image (an image's wrapper
// often carries "caption" or "credit"; its caption is removed on its own).
func dropClass(n *html.Node, size, total int, img bool) bool {
	switch n.Data {
	case "img", "picture", "figure", "body", "article", "main":
		return false
	}
	if size*4 > total {
		// A site's menu can outweigh a short post: a list named as
		// navigation goes whatever its share, unless it is nearly all
		// there is or holds a paragraph.
		return size*4 <= total*3 && isMenuList(n) && !holdsProse(n)
	}
	if !classIsFurniture(n) {
		return false
	}
	// Inline furniture (a hover card with a portrait) goes whole; a block
	// with a picture stays. A formula's box (MathJax's
	// "CtxtMenu_Attached", its context menu's class) is the formula,
	// whatever its classes say.
	drop := n.Data == "span" || n.Data == "a" || !img
	return drop && !holdsFormula(n)
}

// menuWords are the class and id words of a site's navigation. Not
// "menu": a restaurant's page lists its dishes in one.
var menuWords = wordSet("nav", "navigation", "navbar", "sitenav", "mainnav")

// isMenuList reports whether n is a <nav>, or a list whose class or id
// names it a site's navigation ("navigation", "site-nav", "navbar").
func isMenuList(n *html.Node) bool {
	return n.Data == "nav" || (n.Data == "ul" || n.Data == "ol") && namedBy(n, menuWords)
}

// dropLinkList removes lists of links ("More from", "Trending", related
// stories): a list whose text is mostly link text, or any block that is
// almost all links.
func dropLinkList(n *html.Node, size, links, total int) bool {
	if size == 0 || size*4 > total {
		return false
	}
	switch n.Data {
	case "ul", "ol", "dl":
		return links*10 >= size*6
	case "div", "section", "p", "table", "li":
		return links*10 >= size*8 && size < 600
	}
	return false
}

// dropPostMeta removes a short block holding a tag link (rel="tag", the
// microformat blog engines mark a post's categories and tags with): the
// post's meta line ("Posted in News, tagged ... by ... Permalink"), in
// whatever language the engine speaks. Prose does not link its words to
// the site's tag pages.
func dropPostMeta(n *html.Node, size, total int) bool {
	if size*4 > total {
		return false
	}
	switch n.Data {
	case "p", "div", "li", "section", "footer", "ul", "dd":
	default:
		return false
	}
	t := blockText(n, 400)
	if t == "" {
		return false
	}
	// A sentence with one keyword linked to its tag page is prose; a
	// meta line is mostly its category and tag links.
	return !isProse(t) || tagLinkText(n)*100 >= size*15
}

// tagLinkText counts the text under n inside rel="tag" links.
func tagLinkText(n *html.Node) int {
	size := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.Data == "a" && hasToken(getAttr(c, "rel"), "tag") {
			size += wordChars(textOf(c))
			continue
		}
		size += tagLinkText(c)
	}
	return size
}

// dropHeadedLinks removes a block that opens with the heading of a
// related-stories box and goes on with links only: "Siehe auch<br><a>...</a>
// <br><a>...</a>", "Read more: <a>...</a>, <a>...</a>". The links may lead
// anywhere (a blog's network, an archive): the heading says what they are.
// Beside a short post such a box may be a large share of the text: the
// heading and links together are signal enough, with no size limit.
func dropHeadedLinks(n *html.Node) bool {
	switch n.Data {
	case "p", "div", "li", "dd":
	default:
		return false
	}
	var head []byte
	c := n.FirstChild
	for ; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.Data == "br" || c.Data == "a" || mdBlockTags[c.Data]) {
			break
		}
		if t := textOf(c); len(head)+len(t) <= 120 {
			head = append(head, t...)
		} else {
			return false
		}
	}
	if c == nil {
		return false
	}
	line := strings.TrimRight(strings.ToLower(squeeze(string(head))), " .:!…")
	if line == "" || strings.Count(line, " ") >= 8 || !furnitureLines[line] && !furnitureLineSet().match(line) {
		return false
	}
	all, links := 0, 0
	for ; c != nil; c = c.NextSibling {
		s := wordChars(textOf(c))
		all += s
		if c.Type == html.ElementNode && c.Data == "a" {
			links += s
		}
	}
	return links > 0 && links*10 >= all*8
}

// titleOfEmptiedList reports a box left holding a heading over a list
// whose items all went as links: a table of contents' "Contents", a
// "More on this" box's title. The heading says what the list was; alone it
// heads nothing. A section that keeps a paragraph keeps its heading.
func titleOfEmptiedList(n *html.Node) bool {
	switch n.Data {
	case "div", "section", "nav", "aside":
	default:
		return false
	}
	emptied, headed := false, false
	var walk func(*html.Node, bool) bool
	walk = func(x *html.Node, inHeading bool) bool {
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				if strings.TrimSpace(c.Data) != "" {
					if !inHeading {
						return false
					}
					headed = true
				}
			case html.ElementNode:
				switch {
				case mdSkipTags[c.Data]:
				case c.Data == "h1" || c.Data == "img" || c.Data == "picture" || c.Data == "table" || c.Data == "pre":
					return false
				case c.Data == "ul" || c.Data == "ol":
					if firstElement(c) != nil || strings.TrimSpace(textOf(c)) != "" {
						return false
					}
					emptied = true
				default:
					if !walk(c, inHeading || headingTag(c)) {
						return false
					}
				}
			}
		}
		return true
	}
	return walk(n, false) && emptied && headed
}

// dropTeaserList removes a list of teasers: two or more items, each led
// by a heading that is a link to the same site (another post's headline
// over its opening lines, its picture, its date). Its excerpts keep the
// link density low; a list in an article does not put a linked heading
// in every item, and a list of picks links to other sites.
func (c *cleaner) dropTeaserList(n *html.Node) bool {
	if n.Data != "ul" && n.Data != "ol" {
		return false
	}
	items := 0
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if k.Type != html.ElementNode {
			continue
		}
		if k.Data != "li" || !c.linkedHeading(k) {
			return false
		}
		items++
	}
	return items >= 2
}

// linkedHeading reports whether a heading under n is all a link to the
// same site.
func (c *cleaner) linkedHeading(n *html.Node) bool {
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if k.Type != html.ElementNode {
			continue
		}
		if headingTag(k) {
			if all := wordChars(textOf(k)); all > 0 && c.internalLinkText(k)*10 >= all*9 {
				return true
			}
			continue
		}
		if c.linkedHeading(k) {
			return true
		}
	}
	return false
}

// internalLinkText counts the text under n inside links to the same site.
func (c *cleaner) internalLinkText(n *html.Node) int {
	size := 0
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if k.Type != html.ElementNode {
			continue
		}
		if k.Data == "a" {
			if c.internal(getAttr(k, "href")) {
				size += wordChars(textOf(k))
			}
			continue
		}
		size += c.internalLinkText(k)
	}
	return size
}

// textBlocks are the elements the text rules judge as a whole.
var textBlocks = map[string]bool{
	"p": true, "div": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "section": true, "dd": true, "dt": true,
	"figure": true,
}

var (
	// Whole blocks that are furniture by their words alone (matched on the
	// lower-cased text, trailing punctuation trimmed).
	furnitureLines = wordSet("advertisement", "advertising", "advert", "ad", "ads", "sponsored",
		"sponsored content", "publicidade", "publicidad", "anuncio", "iklan", "werbung", "publicité",
		"реклама", "skip to content", "skip to main content", "enlarge image", "enlarge this image",
		"view author archive", "view photo gallery", "view image gallery", "email the author",
		"follow on twitter", "follow on facebook", "order reprints", "print", "print article",
		"print this article", "print this page", "text size", "comment", "comments", "leave a comment",
		"leave a reply", "loading", "caption", "close", "share", "share this", "share this article",
		"share this story", "trending", "trending now", "trending stories", "latest", "latest news",
		"breaking news", "breaking news emails", "related", "related news", "related posts",
		"related post", "related articles", "related article", "related stories", "related content",
		"related coverage", "recommended", "recommended for you", "recommended stories", "read more",
		"read next", "also read", "see also", "more stories", "most read", "most popular",
		"most viewed", "top stories", "sign in", "log in", "subscribe", "home",
		// One-word lines of the same kind in other languages.
		"anzeige", "- anzeige-", "-anzeige-", "- anzeige -", "zurück", "weiter", "teilen", "kommentare",
		"partager", "compartir", "compartilhar", "condividi", "udostępnij", "polecane", "empfehlungen",
		// "The story continues after the advertisement", in the languages
		// of the other lines.
		"story continues below advertisement", "article continues below advertisement",
		"article continues below", "story continues below", "continue reading below",
		"continue reading the main story", "continue reading", "scroll to continue with content",
		"listen to this article", "listen to this story", "play video", "watch video", "supported by",
		"click to expand", "artikel wird unterhalb fortgesetzt", "der artikel wird unterhalb fortgesetzt",
		"toggle caption", "hide caption", "show caption", "gift this article", "back to gallery", "full screen",
		"fullscreen", "save for later", "copy link", "link copied",
		"this material may not be published, broadcast, rewritten or redistributed",
		"this material may not be published, broadcast, rewritten, or redistributed",
		"weiterlesen nach der anzeige", "lesen sie nach der anzeige weiter", "artikel wird nach der anzeige fortgesetzt",
		"der artikel wird unter der anzeige fortgesetzt", "la suite après cette publicité", "la suite après la publicité",
		"l'article continue après la publicité", "l’article continue après la publicité", "continúa después de la publicidad",
		"sigue después de la publicidad", "la noticia continúa después de la publicidad", "continua depois da publicidade",
		"continua após a publicidade", "continua dopo la pubblicità", "l'articolo continua dopo la pubblicità",
		"dalsza część artykułu pod reklamą", "dalsza część pod reklamą", "artikel gaat verder na de advertentie",
		"lees verder na de advertentie")
	// The words that label an ad or a paid post.
	adLabels = wordSet("advertisement", "advertising", "advert", "ad", "ads", "sponsored", "anzeige", "werbung",
		"publicité", "publicidad", "publicidade", "pubblicità", "reklama", "advertentie", "реклама", "sponsorisé",
		"patrocinado", "gesponsert")
	// Prefixes of whole furniture blocks of up to twelve words.
	furnitureLinePrefixes = append([]string{"more from ", "you may also like", "you might also like",
		"you may like", "you might like", "don't miss", "dont miss", "don’t miss", "tell us what you think",
		"this slideshow requires javascript", "media playback is unsupported", "like this story",
		"like this article", "share on ",
		// "Share on <network>" in other languages.
		"partager sur ", "teilen auf ", "teilen bei ", "compartir en ", "compartilhar no ", "compartilhar em ",
		"condividi su ", "udostępnij na ", "delen op ", "dela på ", "del på "}, boxLines...)
	// A rating or feedback prompt under a post: the page's furniture in
	// a page, and in a pasted text the line that closes the article (text
	// rules, textEndRe's company).
	feedbackLines = []string{
		"rate this post", "rate this article", "rate this story", "was this article helpful", "was this helpful",
		"was this post helpful", "bewerte diesen beitrag", "bewerten sie diesen beitrag", "bewerten sie diesen artikel",
		"war dieser beitrag hilfreich", "wie hilfreich war", "évaluer cet article", "notez cet article",
		"cet article vous a-t-il été utile", "cet article vous a été utile", "califica este artículo", "valora este artículo",
		"¿te ha resultado útil", "¿te resultó útil", "¿fue útil este artículo", "avalie este artigo", "este artigo foi útil",
		"vota questo articolo", "questo articolo ti è stato utile", "oceń artykuł", "oceń ten artykuł",
		"czy ten artykuł był pomocny", "beoordeel dit artikel", "was dit artikel nuttig",
	}
	// The same furniture in other languages: the heading of a box of
	// related stories, and the lines that ask a reader to share, rate,
	// comment or log in (whole blocks of up to twelve words).
	boxLines = append([]string{
		// German
		"siehe auch", "verwandte artikel", "verwandte themen", "ähnliche artikel", "ähnliche beiträge",
		"das könnte sie auch interessieren", "das könnte dich auch interessieren", "das thema könnte",
		"dies könnte sie auch interessieren", "auch interessant", "ebenfalls interessant", "mehr zum thema",
		"mehr themen", "weitere themen", "weitere artikel", "weitere beiträge", "weiterführende links",
		"weiterführende artikel", "lesen sie auch", "lesen sie mehr", "lies auch", "schon gelesen",
		"neueste artikel", "neueste beiträge", "meistgelesen", "meist gelesen", "meist-gelesen",
		"meist-diskutiert", "meistdiskutiert", "beliebte artikel", "beliebte beiträge", "noch mehr infos",
		"entdecke weitere", "entdecken sie weitere", "artikel teilen", "diesen artikel teilen",
		"beitrag teilen", "jetzt teilen", "teilen mit", "war der artikel", "war dieser artikel",
		"hat ihnen der artikel", "hat dir der artikel", "artikel gefallen", "möchten sie den artikel",
		"hier können sie den artikel", "artikel bewerten", "beitrag bewerten", "kommentare schreiben",
		"kommentar schreiben", "kommentar verfassen", "keine kommentare", "kommentare geschlossen",
		"noch keine bewertung", "sie sind aktuell nicht eingeloggt", "sie sind nicht eingeloggt",
		"du musst eingeloggt sein", "sie müssen angemeldet sein", "quellen ausblenden", "quellen anzeigen",
		"externer inhalt", "zurück zur übersicht",
		// French
		"voir aussi", "à lire aussi", "a lire aussi", "lire aussi", "à lire également", "sur le même sujet",
		"articles similaires", "articles liés", "articles connexes", "vous aimerez aussi",
		"vous aimerez peut-être", "partager cet article", "partagez cet article", "laisser un commentaire",
		"vous devez être connecté",
		// Spanish
		"le puede interesar", "te puede interesar", "le puede gustar", "lea también", "lee también",
		"ver también", "vea también", "artículos relacionados", "noticias relacionadas", "más noticias",
		"te recomendamos", "mire:", "lea:", "lee:", "compartir en", "deja un comentario",
		// Portuguese
		"veja também", "veja tambem", "leia também", "leia tambem", "leia mais", "saiba mais",
		"artigos relacionados", "notícias relacionadas", "você também pode gostar", "deixe um comentário",
		// Italian, Dutch, Polish
		"leggi anche", "vedi anche", "articoli correlati", "potrebbe interessarti", "lees ook", "zie ook",
		"über den autor", "über die autorin", "zum autor", "à propos de l’auteur", "à propos de l'auteur", "sobre el autor", "sobre o autor", "o autorze",
		"gerelateerde artikelen", "zobacz też", "zobacz także", "czytaj też", "czytaj także",
		"przeczytaj też", "przeczytaj także", "podobne artykuły",
		// Finnish, Swedish, Norwegian, Danish; and German wordings the
		// lists above lacked.
		"lue myös", "lue lisää", "lue seuraavaksi", "lue aiheesta lisää", "aiheeseen liittyvät", "läs också", "läs mer",
		"relaterade artiklar", "les også", "les mer", "relaterte artikler", "siste saker", "læs også", "læs mere",
		"relaterede artikler", "mehr lesen", "weiterlesen", "ähnliche neuigkeiten", "ähnliche nachrichten",
		"verwandte beiträge", "passende artikel", "rezept bewerten",
	}, feedbackLines...)
	// Prefixes of short furniture blocks (up to thirty words): what captions,
	// credits and promotions start with.
	furnitureStarts = []string{"read more", "related:", "related post", "related news", "related article",
		"related stor", "see also", "also read", "read also", "also on ", "more:", "click here",
		"sign up", "subscribe to", "subscribe for", "follow us", "join our ", "join the ",
		"image copyright", "image caption", "media caption", "photo:", "photos:", "image:", "picture:",
		"credit:", "photograph:", "file photo:", "(image", "(photo", "copyright", "©", "(c) ",
		"all rights reserved", "this post may contain affiliate", "this post contains affiliate",
		"this article contains affiliate", "this page contains affiliate", "tempo de leitura",
		"reading time", "filed under", "tags:", "tag:", "reporting by", "editing by", "writing by",
		"additional reporting", "get the latest", "get breaking", "let our news", "want more",
		"have a tip", "start your day", "microsoft may earn", "we may earn",
		"this website uses cookies", "we use cookies",
		// Subscription, paywall and app prompts; captions; in several languages.
		"subscribe now", "never miss the latest", "to view the full story", "to continue reading",
		"to read the full story", "for the latest stories", "download our app", "do you want to be informed",
		"this article is the copyrighted property", "pour lire la suite", "pour continuer à lire",
		"pour lire l'intégralité", "pour lire l’intégralité", "um den ganzen artikel zu lesen",
		"um den vollständigen artikel zu lesen", "um diesen artikel zu lesen", "um den artikel weiterzulesen",
		"para leer el artículo completo", "para leer la noticia completa", "para continuar leyendo",
		"para ler a matéria completa", "para continuar lendo", "para continuar a ler", "per continuare a leggere",
		"per leggere l'articolo", "per leggere l’articolo", "aby przeczytać cały artykuł", "aby czytać dalej",
		"om verder te lezen", "om het hele artikel te lezen",
		"abonnez-vous", "inscrivez-vous", "um weiterzulesen", "jetzt abonnieren", "newsletter abonnieren",
		"melden sie sich für", "abonnieren sie", "suscríbete", "para seguir leyendo", "assine ",
		"zaloguj się", "subskrybuj", "foto:", "fotos:", "bild:", "bilder:", "abbildung:", "beitragsbild",
		"titelbild", "bildquelle", "bildnachweis", "quelle:", "image illustrative", "crédit photo",
		"crédits photo", "vergrößern", "agrandir", "photo source", "image source", "photo credit", "image credit",
		"picture credit", "credits:", "foto di ", "fotoquelle", "quelle foto", "source photo", "source image",
		"fuente de la imagen", "fuente foto", "fonte da imagem", "fonte foto", "źródło zdjęcia", "zdjęcie:", "fot.:",
		// Blog-engine post footers, comment and login prompts, donation
		// appeals.
		"this entry was posted", "this post was posted", "der beitrag wurde am", "dieser beitrag wurde",
		"dieser eintrag wurde", "ce billet a été publié", "cette entrée a été publiée", "esta entrada fue publicada",
		"du musst eingeloggt", "sie müssen angemeldet", "sie müssen eingeloggt", "vous devez être connecté",
		"you must be logged in", "verraten sie gerne", "verrate uns", "(noch keine bewertung",
		"we want to hear what you think", "help us continue", "support our journalism", "jede kleine spende",
		"unterstützen sie unsere", "unterstützen sie uns",
		// Post dates and photo credits.
		"veröffentlicht:", "veröffentlichung:", "личный архив", "фото:"}
	// Copyright lines anywhere in a short block, in several languages.
	copyrightPhrases = []string{"all rights reserved", "alle rechte vorbehalten", "tous droits réservés",
		"todos los derechos reservados", "todos os direitos reservados", "tutti i diritti riservati",
		"wszelkie prawa zastrzeżone", "chroniony prawem autorskim", "copyrighted property", "alle rechten voorbehouden"}
	// A publisher disowning what it prints: the disclaimer under guest
	// posts, readers' content and sponsored text, in several languages.
	disclaimerPhrases = []string{"is not responsible for the opinions", "are not responsible for the opinions",
		"not necessarily reflect the views", "not necessarily reflect the opinion", "not necessarily reflect those of",
		"views expressed are those of", "opinions expressed are those of", "views expressed in this", "opinions expressed in this",
		"geben nicht unbedingt die meinung", "geben nicht zwingend die meinung", "gibt nicht unbedingt die meinung",
		"spiegeln nicht unbedingt die meinung", "spiegelt nicht unbedingt die meinung", "entsprechen nicht unbedingt der meinung",
		"n'engagent que leur", "n’engagent que leur", "ne reflètent pas nécessairement l'opinion",
		"ne reflètent pas nécessairement l’opinion", "ne reflètent pas nécessairement la position",
		"no se hace responsable de las opiniones", "no reflejan necesariamente la opinión", "no reflejan necesariamente el punto de vista",
		"não se responsabiliza pelas opiniões", "não refletem necessariamente a opinião", "não reflete necessariamente a opinião",
		"non riflettono necessariamente l'opinione", "non riflettono necessariamente l’opinione",
		"non riflettono necessariamente il punto di vista", "nie odzwierciedlają stanowiska", "nie ponosi odpowiedzialności za treść",
		"weerspiegelen niet noodzakelijk de mening"}
	// Stems without one of which no disclaimer phrase matches: testing them
	// first spares most blocks the long list.
	disclaimerHints = []string{"neces", "nécess", "responsab", "responsib", "unbedingt", "zwingend", "engagent", "expressed", "odzwierciedl", "odpowiedzialno", "noodzakelijk"}
	// "Name/Agency": a picture credit standing alone.
	rxSlashCredit = lazyRegexp(`^\p{L}[\p{L}\d .'’-]{1,40}[^\s/]/[^\s/]\p{L}*[\p{L}\d .'’-]{0,30}$`)
	// Words without one of which rxCoda cannot match: testing them first
	// spares most blocks the regexp.
	codaHints = []string{"write to", "reach", "mail", "contact", "contributed", "follow", "sign up", "subscribe", "join", "delivered"}
	// Words of a comment policy.
	commentWords    = []string{"comments", "comentários", "comentarios", "kommentare", "commentaires", "komentarze", "commenti"}
	moderationWords = []string{"moderated", "moderation", "moderiert", "modérés", "modération", "approved", "aprovados",
		"aprobados", "freigabe", "freigeschaltet", "pelo moderador", "por el moderador", "par le modérateur"}
	// A post's counters standing alone: "0 Kommentare", "3 commentaires",
	// "37 views", "1.204 Aufrufe", "Keine Kommentare".
	countNone  = wordSet("no", "keine", "aucun", "sin", "sem", "brak", "nessun")
	countWords = wordSet("comment", "comments", "kommentar", "kommentare", "commentaire", "commentaires", "comentario",
		"comentarios", "comentário", "comentários", "komentarz", "komentarze", "komentarzy", "commento", "commenti",
		"reactie", "reacties", "views", "aufrufe", "vues", "visitas", "visualizações", "visualizzazioni", "wyświetleń",
		"wyświetlenia", "weergaven",
		// A poll's results, each answer's votes on its own line.
		"vote", "votes", "stimme", "stimmen", "voto", "votos", "voti", "voix", "stemmen", "głos", "głosy", "głosów",
		"голос", "голоса", "голосов")
	// A post's tally as blog plugins print it: "(Visited 215 times, 55
	// visits today)", "Rating: 5.0/5 (1 vote cast)", "(3 votes, average:
	// 4.67 out of 5)", "<title>, 6.0 out of 6 based on 1 rating".
	rxTally = lazyRegexp(`^\(?(visited [\d.,]+ times?(, [\d.,]+ visits? today)?|rating: [\d.,]+/ ?[\d.,]+ \([\d.,]+ votes? cast\)|[\d.,]+ votes?, average: [\d.,]+ out of [\d.,]+)\)?\.?$|, [\d.,]+ out of [\d.,]+ based on [\d.,]+ ratings?\.?$`)
	// Words without one of which rxTally cannot match.
	tallyHints = []string{"visit", "vote", "rating"}
	// "More AP NBA: https://...": a line of links to more of the same.
	rxMoreLink = lazyRegexp(`^more\b[^:]{0,40}:\s*https?://`)
	// Reading time: "4 min read", "3 Minuten Lesezeit", "5 min de lecture".
	rxReadTime = lazyRegexp(`^(reading time:?\s*|lesezeit:?\s*)?\d+\s*(min|mins|minute|minutes|minuten|minutos|minuti)\.?\s*(read|lesezeit|lesen|de lecture|de lectura|de leitura|di lettura)?$`)
	// PHP's warnings: "Warning: Creating default object ... on line 407".
	// PHP's own wording, file and line: "Warning: message in /path.php on
	// line 12" (a sentence that opens with "Warning:" is not one).
	rxServerError = lazyRegexp(`^(` + phpLevels + `): .+ in \S+\.php\S* on line \d+\.?$`)
	// One of those levels alone, as PHP sets it in bold in HTML.
	rxPHPLevel = lazyRegexp(`^(` + phpLevels + `)$`)
	rxCounter  = lazyRegexp(`^(image |photo |slide )?\d+ (of|/|de|von|sur) \d+`)
	// Caption and credit endings: "(Image: GETTY)", "Credit: EPA", "REUTERS/Name".
	rxCreditEnd = lazyRegexp(`(\((image|photo|picture|pic|credit|source|foto|imagem)s?:[^)]{0,80}\)|credits?:\s?[^.!?]{0,80}|\breuters/[\w .'-]{0,40}|\b(getty images|afp|ap photo|shutterstock)\)?|©[^.!?©]{0,60})\s*\.?$`)
	// The coda of a news story: how to reach the writer, who contributed,
	// where to follow the outlet, which newsletter to sign up for.
	rxCoda = lazyRegexp(`^(write to|reach (the )?(reporter|author|writer)s?|e-?mail (the )?\w+|contact)\b.*(@|https?://)|contributed (reporting )?to this (report|story|article)|^follow\b.{0,60}\b(twitter|facebook|instagram|youtube|coverage|@|https?://)|\b(sign up|subscribe|join)\b.{0,80}\b(newsletters?|forums?|inbox)\b|delivered (right )?(to|through|in|into) your (inbox|letterbox|mailbox|door)`)
	// The names a share bar is made of.
	shareWords = wordSet("facebook", "twitter", "whatsapp", "pinterest", "pint", "pin", "linkedin", "email",
		"e-mail", "mail", "reddit", "share", "tweet", "print", "telegram", "messenger", "flipboard",
		"pocket", "tumblr", "vk", "copy", "link", "sms", "comments", "comment", "save", "baixar", "download", "x")
	// The heading of a comment section, with its count stripped. Plurals
	// only: "Kommentar", "Comment" alone head an opinion piece.
	commentHeadings = wordSet("comments", "kommentare", "commentaires", "comentarios", "comentários", "komentarze",
		"commenti", "reacties", "leserkommentare", "reader comments")
	// Verbs of subscribing in several languages (English's are in rxCoda).
	subscribeVerbs = []string{"abonnier", "anmelden", "melde dich", "melden sie sich", "bestellen sie", "abonnez", "inscrivez",
		"inscris-toi", "abonne-toi", "suscríbete", "suscribete", "suscríbase", "assine", "inscreva", "iscriviti", "abbonati",
		"zapisz się", "zasubskrybuj", "abonneer", "schrijf je in", "meld je aan", "prenumerera"}
	// Networks and their share verbs, each a share button on its own.
	networkWords = wordSet("facebook", "twitter", "whatsapp", "pinterest", "linkedin", "reddit", "telegram", "flipboard",
		"tumblr", "xing", "threema", "twittern", "tweeten", "tweet", "teilen", "mitteilen", "partager", "compartir",
		"compartilhar", "condividi", "udostępnij", "delen")
	// "Follow us on Twitter", "follow him @name": the social-media coda.
	rxFollow = lazyRegexp(`\bfollow (us|him|her|me|them)\b.{0,40}\b(twitter|facebook|instagram|@\w)|\bfollow (us|him|her|me|them) @\w|^follow @\w+ on (twitter|instagram|facebook)`)
	// "Folgt uns auf Instagram", "Suivez-nous sur Facebook": the same coda
	// in other languages, a verb of following "us" and a network.
	followUs      = []string{"folg", "suivez", "guenos", "ganos", "siga-nos", "sigam-nos", "seguici", "seguiteci", "obserwuj", "volg ons"}
	rxFollowOther = lazyRegexp(`(^|[^\pL])(folgt uns|folge uns|folgen sie uns|suivez-nous|suivez nous|síguenos|siguenos|síganos|siga-nos|sigam-nos|seguici|seguiteci|obserwuj nas|volg ons)([^\pL].{0,60})?(twitter|facebook|instagram|youtube|tiktok|linkedin|telegram|mastodon|pinterest|whatsapp|@\w)`)
	// A byline: "By A Name", "By A Name and Other Name".
	rxByline = lazyRegexp(`^(?i:by|por|von|par|door|di)\s+\p{Lu}[\p{L}.'’-]*(\s+\p{Lu}[\p{L}.'’-]*){0,3}(\s*(,|and|&|e|y|und|et)\s+\p{Lu}[\p{L}.'’-]*(\s+\p{Lu}[\p{L}.'’-]*){0,3})*\s*[,|-]?`)
	// Date and time words, for datelines.
	// A word that only a date or a time has: a month, a clock time, d/m/y.
	rxDateAnchor = lazyRegexp(`(?i)\b(\d{1,2}:\d{2}|\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}|jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?|janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|enero|febrero|marzo|mayo|junio|julio|septiembre|octubre|noviembre|diciembre|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b`)
)

// phpLevels are the levels PHP names at the head of an error message.
const phpLevels = `warning|notice|deprecated|strict standards|fatal error|parse error|catchable fatal error|recoverable fatal error`

// isServerError reports whether a lower-cased block of n words is an
// error message PHP printed into the page.
func isServerError(lower string, n int) bool {
	return n <= 40 && strings.Contains(lower, " on line ") && rxServerError().MatchString(lower)
}

// dropText removes a block whose words say it is furniture: a caption, a
// credit, a dateline, a byline, "Advertisement", "Read more ...".
func (c *cleaner) dropText(n *html.Node) bool {
	if !textBlocks[n.Data] && !(n.Data == "span" && spanIsBlock(n)) {
		return false
	}
	t := blockText(n, 400)
	if t == "" {
		return false
	}
	if headingTag(n) && networkWords[strings.ToLower(strings.Trim(t, ".,:;!"))] {
		// A network's name as a heading heads a section about it.
		return false
	}
	return c.furnitureText(t)
}

// furnitureText is isFurnitureText, remembered for the page: a block and
// the box around it often read the same (a quarter of the tests).
func (c *cleaner) furnitureText(t string) bool {
	if v, ok := c.furniture[t]; ok {
		return v
	}
	v := isFurnitureText(t)
	if c.furniture == nil {
		c.furniture = map[string]bool{}
	}
	c.furniture[t] = v
	return v
}

// spanIsBlock reports whether a <span> is laid out as a block: it holds
// line breaks, a rule or blocks (a widget's box: a rating prompt with its
// stars, a "share" box), not a phrase of a paragraph.
func spanIsBlock(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.Data == "br" || c.Data == "hr" || mdBlockTags[c.Data]) {
			return true
		}
	}
	return false
}

// blockText returns n's text, whitespace collapsed, or "" when it is longer
// than limit bytes (long blocks are prose, and reading them all again
// would cost time).
func blockText(n *html.Node, limit int) string {
	// One buffer of the most the text may hold, not one per growth.
	w := blockWalk{b: make([]byte, 0, limit+1), limit: limit}
	if !w.walk(n) || len(w.b) > limit {
		return ""
	}
	return string(w.b)
}

// blockWalk gathers blockText's text.
type blockWalk struct {
	b           []byte
	read, limit int
	space       bool
}

func (w *blockWalk) walk(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if w.read += len(c.Data) + 1; w.read > w.limit*2 {
				return false
			}
			w.b, w.space = appendWords(w.b, c.Data, w.space, w.limit+1)
			w.space = w.space || len(w.b) > 0
		case html.ElementNode:
			if mdSkipTags[c.Data] {
				continue
			}
			if !w.walk(c) {
				return false
			}
		}
	}
	return true
}

// isFurnitureText is the word test of dropText, on a block's collapsed text.
func isFurnitureText(t string) bool {
	nw := countFields(t)
	if nw == 0 {
		return false
	}
	// Only the short blocks' rules read the words one by one: the long
	// ones are spared the slice.
	var words []string
	if nw <= 16 {
		words = strings.Fields(t)
	}
	lower := strings.ToLower(t)
	if strings.Contains(lower, " :") {
		// French sets a space before a colon ("Tags : hiver", "Lire
		// aussi : ..."): the labels below are matched without it.
		lower = strings.ReplaceAll(lower, " :", ":")
	}
	if nw <= 12 {
		// Dashes may set a label off on both sides: "- Advertisement -".
		line := strings.Trim(strings.TrimRight(lower, " .:!…"), " -–—")
		if furnitureLines[line] || furnitureLineSet().match(line) ||
			strings.HasSuffix(line, "comments") && nw <= 2 || isCountLine(line) {
			return true
		}
	}
	// A rule of "+++" or "***" may set the line off: "+++ Credits: ...".
	head := strings.TrimLeft(lower, "+*#>•–—=~| ")
	if nw <= 30 && (furnitureStartSet().match(head) || countOrTimeStart(lower) && (rxCounter().MatchString(lower) || rxReadTime().MatchString(lower))) {
		return true
	}
	// An ad label with its kind: "Anzeige, enthält Affiliate Links",
	// "Werbung | unbezahlt", "Publicité : partenariat".
	if nw >= 2 && nw <= 8 && isAdLabel(words) {
		return true
	}
	// A visit or vote tally on its own.
	if nw <= 16 && containsAny(lower, tallyHints) && rxTally().MatchString(lower) {
		return true
	}
	// "Lesen Sie auch: <headline>", "Le puede interesar: <headline>".
	if nw <= 30 && strings.Contains(lower, ":") && boxLead(lower) {
		return true
	}
	// A bar of short items set apart by "|" ("Impressum | Datenschutz |
	// Kontakt", "Comments feed | Comments closed | Trackback").
	if nw <= 20 && isBar(t) {
		return true
	}
	// A picture credit on its own: "Judy Eddy/WENN.com", "iStock/cjp".
	if nw <= 5 && rxSlashCredit().MatchString(t) {
		return true
	}
	// A comment policy: a short block about comments and their moderation.
	if nw <= 40 && containsAny(lower, commentWords) && containsAny(lower, moderationWords) {
		return true
	}
	// An unrendered shortcode ("[button link=...]Send us[/button]"), or
	// "More X: <link>" at the end of a story.
	if nw <= 30 && (strings.HasPrefix(lower, "[") && strings.Contains(lower, "[/") || rxMoreLink().MatchString(lower)) {
		return true
	}
	// A server's error message printed into the page.
	if isServerError(lower, nw) {
		return true
	}
	if nw <= 60 {
		// Only the end of the block can be a credit.
		tail := lower[max(0, len(lower)-120):]
		if strings.ContainsAny(tail, ":/)") || strings.Contains(tail, "©") || strings.Contains(tail, "getty") || strings.Contains(tail, "afp") {
			if creditEndHint(tail) && rxCreditEnd().MatchString(tail) {
				return true
			}
		}
	}
	if nw <= 60 && (containsAny(lower, copyrightPhrases) || containsAny(lower, disclaimerHints) && containsAny(lower, disclaimerPhrases)) {
		return true
	}
	// "Abonniere meinen Newsletter", "Inscrivez-vous à notre newsletter":
	// the sign-up coda, a verb of subscribing and the newsletter.
	if nw <= 45 && strings.Contains(lower, "newsletter") && containsAny(lower, subscribeVerbs) {
		return true
	}
	if nw <= 45 && (strings.Contains(lower, "follow ") && rxFollow().MatchString(lower) || containsAny(lower, followUs) && rxFollowOther().MatchString(lower) || codaHint(lower) && rxCoda().MatchString(lower)) {
		return true
	}
	// A share button alone on its line: a network's name ("Facebook",
	// "twittern"); the other share words ("Email", "Print", "Link") are
	// too often the article's own one-word lines.
	if nw == 1 && networkWords[strings.Trim(lower, ".,:;!")] {
		return true
	}
	if nw >= 2 && nw <= 12 && allShareWords(lower) {
		return true
	}
	if nw <= 12 && isByline(t) {
		return true
	}
	if nw <= 4 && isPhoneNumber(t) {
		// A telephone number (a place's, under a travel or event
		// story) is the writer's, though its digits may read as a
		// date.
		return false
	}
	if nw <= 16 && strings.ContainsAny(t, "0123456789") && isDateline(words) {
		return true
	}
	// A block without a single letter: gallery counters, "|", "• • •".
	// Not a smiley a blogger signs off with: the writer's.
	if nw <= 3 && !strings.ContainsFunc(t, isLetter) && !allSmileys(words) {
		return true
	}
	return false
}

// countFields is len(strings.Fields(s)), without the slice.
func countFields(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		var space bool
		if c := s[i]; c < utf8.RuneSelf {
			space = c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// countOrTimeStart reports whether a lower-cased block opens as rxCounter
// or rxReadTime needs (a digit, or their words before it): most blocks
// fail here and are spared both patterns.
func countOrTimeStart(lower string) bool {
	return lower != "" && lower[0] >= '0' && lower[0] <= '9' || hasAnyPrefix(lower, countTimeOpeners)
}

var countTimeOpeners = []string{"image ", "photo ", "slide ", "reading time", "lesezeit"}

// creditEndHint reports whether a lower-cased tail holds a word without
// which rxCreditEnd cannot match: testing them spares most blocks the
// unanchored pattern.
func creditEndHint(tail string) bool {
	return containsAny(tail, creditEndWords) || strings.Contains(tail, "(") && containsAny(tail, creditBracketWords)
}

var (
	creditEndWords     = []string{"credit", "reuters/", "getty images", "afp", "ap photo", "shutterstock", "©"}
	creditBracketWords = []string{"image", "photo", "pic", "source", "foto"}
)

// codaHint reports whether a lower-cased block holds what one of
// rxCoda's branches needs: its opening words at the start and an address,
// "contributed ", "follow" at the start, a verb of signing up with a
// newsletter, forum or inbox, or "delivered ".
func codaHint(lower string) bool {
	return hasAnyPrefix(lower, codaOpeners) && (strings.Contains(lower, "@") || strings.Contains(lower, "http")) ||
		strings.Contains(lower, "contributed ") || strings.HasPrefix(lower, "follow") ||
		containsAny(lower, signUpVerbs) && containsAny(lower, signUpTargets) || strings.Contains(lower, "delivered ")
}

var (
	codaOpeners   = []string{"write to", "reach ", "email", "e-mail", "contact"}
	signUpVerbs   = []string{"sign up", "subscribe", "join"}
	signUpTargets = []string{"newsletter", "forum", "inbox"}
)

// isPhoneNumber reports whether a block without letters is a telephone
// number: an international one ("+81 158-23-2012"), one with its area
// code in brackets or opening with the trunk 0 ("(030) 123 456",
// "0711/12345-0"), 7 to 15 digits. Dates and times ("01-02-2020",
// "12:30") are not.
func isPhoneNumber(t string) bool {
	if t == "" || !strings.ContainsRune("+(0", rune(t[0])) {
		return false
	}
	digits := 0
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == ' ' || c == '-' || c == '/' || c == '(' || c == ')' || c == '+' && i == 0:
		default:
			return false
		}
	}
	if digits < 7 || digits > 15 {
		return false
	}
	for _, w := range strings.Fields(t) {
		if !dateWord(w) {
			return true
		}
	}
	return false
}

// allSmileys reports whether every word is a smiley set in punctuation:
// ":)", ";-)", "=)", ":-(", "^^", "<3".
func allSmileys(words []string) bool {
	for _, w := range words {
		if !rxSmiley().MatchString(w) {
			return false
		}
	}
	return true
}

var rxSmiley = lazyRegexp(`^([:;=][-'^]?[()\[\]/\\|*]+|\^_*\^|<3+)$`)

// isCountLine reports whether a line is a number (or "no") and the word
// for comments, views or votes. A poll may set its share first: "%61 голос".
func isCountLine(line string) bool {
	n, w, ok := strings.Cut(strings.TrimLeft(line, "% "), " ")
	if !ok || !countWords[w] {
		return false
	}
	if countNone[n] {
		return true
	}
	return n != "" && strings.Trim(n, "0123456789.,") == "" && n[0] >= '0' && n[0] <= '9'
}

// isAdLabel reports whether a line opens with an ad label set apart by
// punctuation: "Anzeige, ...", "Werbung | ...", "Publicité : ...". A
// label and a comma may open a sentence too ("Werbung, die nervt, ist
// überall."): that is text.
func isAdLabel(words []string) bool {
	first := strings.ToLower(words[0])
	label := strings.TrimRight(first, ",:|/")
	if !adLabels[label] {
		return false
	}
	switch {
	case strings.HasSuffix(first, ",") && endsSentence(strings.Join(words, " ")):
		return false
	case label != first:
		return true
	case words[1] == "|" || words[1] == ":" || words[1] == "-" || words[1] == "–" || words[1] == "—" || words[1] == "/":
		return true
	}
	return false
}

// isCommentsHeading reports whether a short block is the heading of a
// comment section: "Comments", "3 Kommentare", "Commentaires (2)".
func isCommentsHeading(n *html.Node) bool {
	t := blockText(n, 60)
	if t == "" {
		return false
	}
	line := strings.Trim(strings.ToLower(t), " .:!…()0123456789#")
	return commentHeadings[line] || isCountLine(strings.TrimRight(strings.ToLower(t), " .:!…"))
}

// boxLead reports whether a block opens with the heading of a related-
// stories box and a colon, followed by the headline it points to.
func boxLead(lower string) bool {
	for _, p := range boxLines {
		if rest, ok := strings.CutPrefix(lower, p); ok {
			if strings.HasPrefix(strings.TrimLeft(rest, " !?¿¡"), ":") {
				return true
			}
		}
	}
	return false
}

// isBar reports whether a block is three or more short items (six words
// or fewer: "Copyright A. Name", "Datei ist nicht barrierefrei") set apart
// by "|": a navigation or footer bar, a download's size and format.
func isBar(t string) bool {
	if strings.Count(t, "|") < 2 {
		return false
	}
	for _, item := range strings.Split(t, "|") {
		n := len(strings.Fields(item))
		if n == 0 || n > 6 {
			return false
		}
	}
	return true
}

// allShareWords reports whether every word of a block names a network or
// a sharing action: a share bar.
func allShareWords(lower string) bool {
	for _, w := range strings.FieldsFunc(lower, func(r rune) bool { return r == ' ' || r == '|' || r == '/' || r == '·' || r == '•' }) {
		if !shareWords[strings.Trim(w, ".,:;!")] {
			return false
		}
	}
	return true
}

func wordSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

func containsAny(s string, subs []string) bool {
	for _, p := range subs {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// prefixSet is a list of prefixes indexed by their first byte: the
// furniture lists have a couple of hundred, of which a line's first byte
// leaves a few to test. match(s) is hasAnyPrefix(s, the list).
type prefixSet struct {
	empty   bool // the list holds "", which every string opens with
	byFirst [256][]string
}

func newPrefixSet(prefixes []string) *prefixSet {
	p := &prefixSet{}
	for _, q := range prefixes {
		if q == "" {
			p.empty = true
			continue
		}
		p.byFirst[q[0]] = append(p.byFirst[q[0]], q)
	}
	return p
}

func (p *prefixSet) match(s string) bool {
	if p.empty {
		return true
	}
	if s == "" {
		return false
	}
	return hasAnyPrefix(s, p.byFirst[s[0]])
}

var (
	furnitureLineSet  = sync.OnceValue(func() *prefixSet { return newPrefixSet(furnitureLinePrefixes) })
	furnitureStartSet = sync.OnceValue(func() *prefixSet { return newPrefixSet(furnitureStarts) })
)

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func isLetter(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 && (r >= 0xC0 && r != 0xD7 && r != 0xF7)
}

// isByline: "By Jane Doe", optionally followed by a dateline.
func isByline(t string) bool {
	if i := strings.IndexByte(t, ' '); i < 0 || i > 4 {
		return false
	}
	loc := rxByline().FindStringIndex(t)
	if loc == nil {
		return false
	}
	rest := strings.Fields(t[loc[1]:])
	return len(rest) == 0 || isDateline(rest)
}

// isDateline reports whether a short block is a date or time stamp: it
// has a digit and nearly all its words are date and time words.
func isDateline(words []string) bool {
	// The words first: most blocks fail there, and the anchor's pattern
	// is the dearer test.
	other := 0
	for _, w := range words {
		w = strings.Trim(w, ",.;:-–—/()[]")
		if w == "" || dateWord(w) {
			continue
		}
		other++
	}
	if !(other <= 1 || other*3 <= len(words) && other <= 3) {
		return false
	}
	joined := strings.Join(words, " ")
	return strings.ContainsAny(joined, "0123456789") && rxDateAnchor().MatchString(joined)
}

// dateWords are the words a dateline may hold besides numbers: months and
// days (in English, Portuguese, Spanish and French), time zones, and the
// words around a date ("updated on", "publicado em").
var dateWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
	jan january feb february mar march apr april may jun june jul july aug august sep sept september
	oct october nov november dec december mon monday tue tuesday wed wednesday thu thursday fri friday
	sat saturday sun sunday am pm a.m p.m est edt cst cdt pst pdt gmt utc bst cet ist hst amt et pt
	updated published posted last modified on at of de às em le el um publicado publicada atualizado
	actualizado publié janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro
	dezembro segunda terça quarta quinta sexta sábado domingo feira enero febrero marzo mayo junio
	julio septiembre octubre noviembre diciembre janvier février mars avril mai juin juillet août
	septembre octobre novembre décembre |`) {
		m[w] = true
	}
	return m
}()

// dateWord reports whether w is a word of a date or a time: one of
// dateWords, or a number, a clock time or a day/month/year ("12:30pm",
// "2019-11-20", "14h"). (A map and a scan: a regexp run per word was a
// tenth of the cleaning's time.)
func dateWord(w string) bool {
	w = strings.ToLower(w)
	if dateWords[w] {
		return true
	}
	for _, suf := range []string{"am", "pm", "h"} {
		if t, ok := strings.CutSuffix(w, suf); ok && t != "" && t[len(t)-1] >= '0' && t[len(t)-1] <= '9' {
			w = t
			break
		}
	}
	// Up to three runs of 1-4 digits joined by ':', '.', '/' or '-'.
	runs, n := 0, 0
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= '0' && c <= '9':
			if n == 0 {
				runs++
			}
			if n++; n > 4 {
				return false
			}
		case (c == ':' || c == '.' || c == '/' || c == '-') && n > 0 && i+1 < len(w):
			n = 0
		default:
			return false
		}
	}
	return runs >= 1 && runs <= 3 && n > 0
}

// lazyRegexp compiles a pattern on first use. Compiled at start, these
// rules would cost every margin command (the terminal UI included) a few
// milliseconds, for work only saving an article needs.
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
