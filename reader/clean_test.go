package reader

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// bodyParas are the article the cleaning tests wrap furniture around:
// long enough that go-readability picks it, each with a word of its own.
var bodyParas = []string{
	"Alpha the harbour town woke slowly that winter, its fishing boats frozen in place and its cafés quiet, while the council argued for weeks over who should pay to clear the ice from the old stone quay.",
	"Bravo nobody expected the answer to come from the school, where a physics teacher and twelve pupils built a solar heater from scrap copper pipe, salvaged glass and a great deal of patience.",
	"Charlie within a month the heater had cleared a channel wide enough for two boats, and the fishermen, who had laughed at first, began to bring the pupils coffee and fresh bread each morning.",
	"Delta the council has since voted to fund a second heater, and the teacher says the pupils have already drawn up plans for a third, larger one that could keep the whole harbour open all year.",
	"Echo for now the town is simply glad to hear engines again at dawn, and to see the gulls back on the quay, squabbling over scraps as if the long frozen months had never happened at all.",
}

// page builds an article page with extra HTML before the first paragraph,
// in the middle and after the last.
func page(head, before, middle, after string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html lang=\"en\"><head><title>The Harbour Heater | Example News</title>" + head + "</head><body>")
	b.WriteString(`<nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>The Harbour Heater</h1>`)
	b.WriteString(before)
	for i, p := range bodyParas {
		b.WriteString("<p>" + p + "</p>\n")
		if i == 2 {
			b.WriteString(middle)
		}
	}
	b.WriteString(after)
	b.WriteString(`</article><footer>Copyright Example News</footer></body></html>`)
	return b.String()
}

func extractPage(t *testing.T, src string) *Article {
	t.Helper()
	a, err := FromHTML([]byte(src), "text/html; charset=utf-8", "https://news.example.com/2019/11/harbour-heater.html")
	if err != nil {
		t.Fatalf("FromHTML: %v", err)
	}
	assertNoControls(t, "text", a.Text)
	assertNoControls(t, "markdown", a.Markdown)
	for i, p := range bodyParas {
		if !strings.Contains(a.Text, p) {
			t.Errorf("paragraph %d lost:\n%s", i, a.Text)
		}
	}
	if n := strings.Count(a.Text, "\n\n"); n < len(bodyParas)-1 {
		t.Errorf("paragraph breaks lost (%d):\n%s", n, a.Text)
	}
	return a
}

// TestCleaningRules checks that each rule removes its furniture and keeps
// the article, on pages the test writes itself.
func TestCleaningRules(t *testing.T) {
	relatedList := "<ul>"
	for i := range 4 {
		relatedList += fmt.Sprintf(`<li><a href="/news/other-story-%d">RELATED headline of another story number %d</a></li>`, i, i)
	}
	relatedList += "</ul>"
	teasers := "<h2>Articles liés</h2><ul>"
	for i := range 8 {
		teasers += fmt.Sprintf(`<li><a href="/news/teaser-%d"><img src="/t%d.jpg"></a><h3><a href="/news/teaser-%d">TEASER headline %d</a></h3><p>TEASER opening lines of another story, long enough that the list is not mostly links at all %d.</p><div>Par Jean Dupont, le 05/02/2020</div></li>`, i, i, i, i, i)
	}
	teasers += "</ul>"
	for _, tc := range []struct {
		name                   string
		head, before, mid, end string
		gone                   string // must not be in the text
	}{
		{name: "figcaption", mid: `<figure><img src="/img/quay.jpg" alt="The quay"><figcaption>GONE the quay at dawn, seen from the pier</figcaption></figure>`},
		{name: "caption class", mid: `<p><img src="/img/quay.jpg" alt="The quay"></p><p><span class="newsCaption">GONE the quay at dawn</span></p>`},
		{name: "caption credit ending", mid: `<p>GONE the quay at dawn, seen from the pier (Image: GETTY)</p>`},
		{name: "credit line", mid: `<p>The quay at dawn, seen from the old pier. Credit: GONE Photo Agency</p>`},
		{name: "share bar", mid: `<div class="share-buttons"><a href="https://facebook.com/x">Facebook GONE</a> <a href="https://twitter.com/x">Twitter</a></div>`},
		{name: "social icons", mid: `<div class="socialIcons"><span>Whatsapp</span> <span>GONE</span></div>`},
		{name: "newsletter box", end: `<div class="newsletter-signup"><p>GONE sign up for our daily newsletter and never miss a story from the harbour.</p></div>`},
		{name: "subscribe prompt", end: `<p>Get the latest updates right in your inbox. GONE subscribe to our newsletters.</p>`},
		{name: "related links", end: `<h3>More from News</h3>` + relatedList, gone: "RELATED"},
		{name: "teaser list", end: teasers, gone: "TEASER"},
		{name: "heading with nothing after it", end: `<h2>GONE Weitere Geschichten aus dem Hafen</h2><ul class="loader" data-url="/more"></ul>`},
		{name: "after a comments heading", end: `<div class="titlebar">Kommentare</div><div><h3>#1 Kommentar von Anna</h3>26. März 2004, 16:19<p>GONE danke für diesen schönen Bericht über den Hafen!</p></div>`},
		{name: "read more line", mid: `<p>Read more: <a href="/news/harbour-history">GONE a history of the harbour</a></p>`},
		{name: "advertisement", mid: `<div>Advertisement</div>`, gone: "Advertisement"},
		{name: "text-hide heading", before: `<h2 class="text-hide">GONE Main content</h2>`},
		{name: "poll results", end: `<div class="poll"><h3>Which heater design is best?</h3><div><span>%</span><span>165 votes</span></div><div><span>%</span><span>61 votes</span></div></div>`, gone: "votes"},
		{name: "lead-in with nothing after", end: `<p>See more GONE photos:</p><div class="gallery" data-src="/gallery/12"></div>`},
		{name: "advertisement between dashes", mid: `<div>- Advertisement -</div>`, gone: "Advertisement"},
		{name: "visit tally", end: `<div class="tptn_counter">(Visited 215 times, 55 visits today)</div>`, gone: "Visited"},
		{name: "vote tally", before: `<div>The Harbour Heater, 6.0 out of 6 based on 1 rating</div><div><div>Rating: 5.0/<strong>5</strong> (1 vote cast)</div></div>`, gone: "ating"},
		{name: "byline", before: `<p>By Jane GONE and John Roe</p>`},
		{name: "dateline", before: `<p>Updated 1:39 am EST, Wednesday, November 20, 2019 GONE</p>`},
		{name: "time class", before: `<div class="post-time">GONE two hours ago</div><div class="reading-time">GONE 4 minutes</div>`},
		{name: "follow us", end: `<p>Follow us on Twitter @GONE and on Facebook for more news from the coast.</p>`},
		{name: "author bio", end: `<div class="author-bio"><p>Jane Doe is a GONE reporter who has covered the coast since 2009.</p></div>`},
		{name: "comments", end: `<section id="comments"><h3>3 Comments</h3><div class="comment"><p>GONE great article, thank you!</p></div></section>`},
		{name: "hidden element", mid: `<div style="display: none">GONE secret text</div><p hidden>GONE hidden paragraph</p>`},
		{name: "aside", mid: `<aside><p>GONE a pull quote repeated in large type</p></aside>`},
		{name: "form", end: `<form><label>Email</label><input name="e"><button>GONE Send</button></form>`},
		{name: "title repeated", before: `<h2>The Harbour Heater</h2><p>The Harbour Heater</p>`, gone: "Harbour Heater"},
		{name: "post meta with tag links", end: `<p class="entry-info">Publié le 3 mars dans <a href="/category/port/" rel="category tag">Port</a>, mots-clés <a href="/tag/hiver/" rel="tag">hiver</a>, <a href="/tag/GONE/" rel="tag">GONE</a>. <a href="/p/1">Lien permanent</a>.</p>`},
		{name: "prompt in a span laid out as a block", end: `<div><p>That was the story of the heater; the next part of the series follows the pupils to the regional science fair in spring.</p><span class="post-votes"><hr><strong>War der Artikel nützlich?</strong><br><img src="/star.gif" alt="1"> (GONE 95 Stimmen)</span></div>`},
		{name: "box heading then links", end: `<p>Siehe auch<br><a href="https://archive.example.org/2012/a">GONE the first frozen winter</a><br><a href="https://blog.example.net/b">Ice on the quay and the boats that stayed in port all winter long</a></p>`},
		{name: "gallery counter", mid: `<p>6</p><p>Image 1 of 23</p>`, gone: "of 23"},
		{name: "json-ld second opinion",
			head: `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","articleBody":` +
				fmt.Sprintf("%q", strings.Join(bodyParas, "\n")+" "+strings.Repeat("More words of the same story so the body is substantial. ", 10)) + `}</script>`,
			mid: `<p>GONE our partners offer great deals every day to readers who like to save money on their shopping.</p>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := extractPage(t, page(tc.head, tc.before, tc.mid, tc.end))
			gone := tc.gone
			if gone == "" {
				gone = "GONE"
			}
			if strings.Contains(a.Text, gone) {
				t.Errorf("%q survived:\n%s", gone, a.Text)
			}
			if strings.Contains(a.Markdown, gone) {
				t.Errorf("%q survived in the Markdown:\n%s", gone, a.Markdown)
			}
		})
	}
}

// TestCleaningKeeps checks what the rules must leave alone.
func TestCleaningKeeps(t *testing.T) {
	shop := "<ul>"
	for i := range 4 {
		shop += fmt.Sprintf(`<li><a href="https://shop.example.org/item/%d">KEEP get the heater kit number %d for $39</a></li>`, i, i)
	}
	shop += "</ul>"
	for _, tc := range []struct {
		name, mid, end string
		keep           []string
	}{
		{name: "sentence mentioning furniture words", mid: `<p>The council's advertisement for a contractor drew no replies, and a share of the cost fell to the school.</p>`,
			keep: []string{"advertisement for a contractor"}},
		{name: "external link list", mid: shop, keep: []string{"KEEP get the heater kit number 0", "KEEP get the heater kit number 3"}},
		{name: "data table", mid: `<table><tr><th>Month</th><th>Boats out</th></tr><tr><td>1</td><td>2</td></tr><tr><td>2</td><td>14</td></tr></table>`,
			keep: []string{"Boats out", "2\t14"}},
		{name: "list at the end", end: `<h3>What the pupils used</h3><ul><li>Copper pipe</li><li>Salvaged glass</li><li>Black paint</li></ul>`,
			keep: []string{"What the pupils used", "Copper pipe", "Black paint"}},
		{name: "short closing line", end: `<p>That is all!</p>`, keep: []string{"That is all!"}},
		{name: "heading over a picture at the end", end: `<h2>KEEP Pictures of the quay</h2><figure><img src="/img/quay.jpg" alt="The quay"></figure>`,
			keep: []string{"KEEP Pictures of the quay"}},
		{name: "paragraph set as a heading at the end", end: `<h4>KEEP and so the harbour stayed open all winter, for the first time in living memory.</h4>`,
			keep: []string{"KEEP and so the harbour stayed open"}},
		{name: "commentary after the report", end: `<h2>Comment</h2><div><p>KEEP the council should have paid for the heater, not the school, and it should say so now.</p><p>It is the town that gains from an open harbour, after all, and the town that should pay for it.</p></div>`,
			keep: []string{"KEEP the council should have paid"}},
		{name: "tag link inside a sentence", mid: `<p>The pupils used <span class="kw"><a href="/tag/copper/" rel="tag">KEEP copper</a></span> pipe for the heater. ` +
			`They bought it from the scrapyard behind the station, cut it with a borrowed saw, bent it around a wooden drum in the school yard and painted it black, ` +
			`and the teacher says that the bending took longer than all the rest of the work together, because the pipe kept kinking in the cold.</p>`,
			keep: []string{"The pupils used KEEP copper pipe for the heater."}},
		{name: "short sentence with a tag link", mid: `<p>KEEP the pupils used <a href="/tag/copper/" rel="tag">copper</a> pipe, bent around a wooden drum in the school yard.</p>`,
			keep: []string{"KEEP the pupils used copper pipe, bent around a wooden drum in the school yard."}},
		{name: "network name as a heading", mid: `<h2>Facebook</h2><p>KEEP the pupils posted a photo of the heater every day, and the town followed along.</p>`,
			keep: []string{"Facebook", "KEEP the pupils posted"}},
		{name: "comments line amid the paragraphs", mid: `<p>Comments</p><p>KEEP the pupils answered every letter they got about the heater.</p>`,
			keep: []string{"KEEP the pupils answered"}},
		{name: "list of picks with linked headings", end: `<ul><li><h3><a href="https://shop.example.org/kit">KEEP the copper kit</a></h3><p>Everything the pupils used, in one box.</p></li><li><h3><a href="https://glass.example.org/">KEEP salvaged glass</a></h3><p>Old windows from the town hall.</p></li></ul>`,
			keep: []string{"KEEP the copper kit", "KEEP salvaged glass", "Old windows from the town hall."}},
		{name: "subheading", mid: `<h2>The second heater</h2>`, keep: []string{"The second heater"}},
		{name: "quote", mid: `<blockquote><p>We just wanted to hear the engines again.</p></blockquote>`, keep: []string{"We just wanted to hear the engines again."}},
		{name: "a recipe's times", mid: `<div class="recipe-times"><p class="preparation__time">Heater glue: 120 minutes (+ 300 minutes resting)</p><p class="wprm-recipe-cook-time">Soldering 45 minutes</p></div>`,
			keep: []string{"300 minutes resting", "Soldering 45 minutes"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := extractPage(t, page("", "", tc.mid, tc.end))
			for _, k := range tc.keep {
				if !strings.Contains(a.Text, k) {
					t.Errorf("%q lost:\n%s", k, a.Text)
				}
			}
		})
	}
}

func TestIsFurnitureText(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"Advertisement", true},
		{"ADVERTISEMENT", true},
		{"Read more: Alibaba poised to launch record-breaking listing", true},
		{"China has warned they will cease control (Image: GETTY )", true},
		{"The latest case was reported after a hunter ate a rabbitCredit: Getty - Contributor", true},
		{"FILE PHOTO: Traders work on the floor. REUTERS/Brendan McDermid", true},
		{"By Justine Coleman", true},
		{"By Stefan Becket, Kathryn Watson, Grace Segers", true},
		{"Updated Nov. 19, 2019 8:21 am ET", true},
		{"November 20, 2019 / 1:07 AM / CBS News", true},
		{"sexta-feira, 22 de outubro de 2010 às 20:13", true},
		{"Image 1 of 23", true},
		{"6", true},
		{"Follow him on Twitter @tariqjmalik.", true},
		{"Related: SpaceX's Starship in Pictures", true},
		{"Whatsapp Facebook Pint Baixar", true},
		{"Share | Tweet | Email", true},
		{"Write to Al Root at allen.root@example.com", true},
		{"Associated Press writers Alan Fram and Zeke Miller contributed to this report.", true},
		{"Follow AP's full coverage of Brexit at https://example.com/Brexit", true},
		{"Sign up for The Daily today to get the free newsletter delivered to your inbox.", true},
		// The same furniture in other languages.
		{"Siehe auch", true},
		// A paywall's prompt, in the languages of the others.
		{"Um den ganzen Artikel zu lesen, schließen Sie bitte ein Abo ab.", true},
		{"Para continuar leyendo, suscríbete por 1 euro al mes.", true},
		{"Per continuare a leggere questo articolo abbonati.", true},
		{"Om verder te lezen, neem een abonnement.", true},
		{"Readers who subscribe can read the full report on the council's site, which lists every vote.", false},
		{"Verwandte Artikel", true},
		{"Veja também", true},
		{"LE PUEDE INTERESAR: La ficha de Juan Orlando Hernández en el MDC", true},
		{"Das könnte Sie auch interessieren!", true},
		{"War der Artikel nützlich? (95 Stimmen: 4,73 von 5)", true},
		{"- Anzeige-", true},
		{"Materiał chroniony prawem autorskim - wszelkie prawa zastrzeżone. Dalsze rozpowszechnianie artykułu za zgodą wydawcy.", true},
		{"To view the full story, please subscribe to our digital edition.", true},
		{"This article is the copyrighted property of Example Media and may not be reproduced.", true},
		{"Pour lire la suite et accéder gratuitement à 3 articles par mois, créez votre compte", true},
		{"Marco Odermatt, Ski-Star aus der Schweiz. © AFP / MARCO BERTORELLO", true},
		{"4 Min Read", true},
		{"3 Minuten Lesezeit", true},
		{"Warning: Creating default object from empty value in /www/htdocs/wp-includes/classes.php on line 407", true},
		{"Der Beitrag wurde am Mittwoch, den 27. November 2019 um 15:21 Uhr veröffentlicht und wurde unter Allgemein abgelegt.", true},
		{"Du musst Eingeloggt sein um Kommentare zu schreiben! oder noch gar nicht Registriert?", true},
		{"4 minutes later the boats were free.", false},
		{"ATENÇÃO: Comentários com textos ininteligíveis não serão aprovados pelo moderador.", true},
		{"Kommentare erscheinen erst nach unserer Freigabe", true},
		{"[button link=”http://example.com/submit/” type=”big”] Send us YOUR review[/button]", true},
		{"More AP NBA: https://apnews.com/NBA and https://twitter.com/AP_Sports", true},
		{"Follow @ExampleDeals on Twitter to keep up with the latest deals.", true},
		{"Veröffentlichung: 2. Februar 2022", true},
		{"Posted on social media by the analysts, the port is not entirely smooth on the new console.", false},
		{"личный архив Андрея Рудькова", true},
		{"The moderator asked for comments from the floor, and the council listened.", false},
		{"More than 200 pupils signed the petition: the council relented.", false},
		{"Kommentarfeed | Kommentare geschlossen | Trackback-URL", true},
		{"IMPRESSUM | DATENSCHUTZ | COPYRIGHT ANDRÉ LOIBL | THIS IS A PROJECT", true},
		{"Terms of use | Privacy | Manage your cookie settings right here", true},
		{"Jahresbericht 2021 PDF | 38 KB | Datei ist nicht barrierefrei", true},
		{"The vote was close | the council split | and the mayor refused to say what comes next", false},
		{"Judy Eddy/WENN.com", true},
		{"iStock/cjp", true},
		{"The council met on 3/4 and voted.", false},
		{"Yes | No", false},
		{"CONTINUA DEPOIS DA PUBLICIDADE", true},
		{"La suite après cette publicité", true},
		{"Weiterlesen nach der Anzeige", true},
		{"Story continues below advertisement", true},
		{"Continue reading the main story", true},
		{"Scroll to continue with content", true},
		{"Listen to this article", true},
		{"Play Video", true},
		{"Supported by", true},
		{"Artikel wird unterhalb fortgesetzt", true},
		{"Supported by the council, the plan went ahead.", false},
		{"toggle caption", true},
		{"Gift this article", true},
		{"Back to Gallery", true},
		{"This material may not be published, broadcast, rewritten or redistributed.", true},
		{"Folgt uns auf Instagram: instagram.com/beispiel", true},
		{"Suivez-nous sur Facebook et Twitter pour ne rien manquer.", true},
		{"Síguenos en @ejemplo", true},
		{"Folgen Sie uns durch die Altstadt bis zum Hafen, wo die Boote liegen.", false},
		{"Rate this post", true},
		{"Was this article helpful? Yes No", true},
		{"Cet article vous a-t-il été utile ?", true},
		{"¿Te ha resultado útil este artículo?", true},
		{"Lue myös:", true},
		{"Läs också: Ny bro över älven", true},
		{"Mehr lesen: Die Brücke über den Fluss", true},
		{"Siste saker", true},
		{"Harbour News is not responsible for the opinions, statements or media content presented by contributors.", true},
		{"Die Beiträge der Gastautoren geben nicht unbedingt die Meinung der Redaktion wieder.", true},
		{"Les tribunes n’engagent que leurs auteurs.", true},
		{"Ces propos ne reflètent pas nécessairement l’opinion de la rédaction.", true},
		{"The poll results do not necessarily reflect the mood of the whole town, the council warned.", false},
		{"Anzeige, enthält Affiliate Links", true},
		{"Werbung | unbezahlt", true},
		{"Publicité : partenariat avec la mairie", true},
		{"Werbung nervt die meisten Leser", false},
		{"Werbung, die nervt, ist überall.", false},
		{"Partager sur Facebook", true},
		{"Twitter", true},
		{"twittern", true},
		{"Email", false},
		{"Melde dich zum Newsletter an", true},
		{"Inscrivez-vous à notre newsletter pour recevoir nos articles", true},
		{"Zapisz się do naszego newslettera!", true},
		{"Der Newsletter der Stadt erscheint seit 1998 jeden Monat.", false},
		{"Photo Source: Markus Doe from Pexels.", true},
		{"Image credit: www.example.com/in/", true},
		{"+++ Credits: Titelbild Example Productions", true},
		{"Źródło zdjęcia: Jan Kowalski", true},
		{"0 Kommentare", true},
		{"12 commentaires", true},
		{"1.204 Aufrufe", true},
		{"37 views", true},
		{"Keine Kommentare", true},
		{"37 pupils", false},
		{"% 34 голоса", true},
		{"165 votes", true},
		{"12 Stimmen", true},
		{"% of voters", false},
		{"- Advertisement -", true},
		{"– Anzeige –", true},
		{"- The End -", false},
		{"(Visited 215 times, 55 visits today)", true},
		{"Rating: 6.0/6 (1 vote cast)", true},
		{"(3 votes, average: 4.67 out of 5)", true},
		{"The Harbour Heater, 5.0 out of 5 based on 2 ratings", true},
		{"The council visited 12 times before it voted.", false},
		{"Rating: the heater scored 5 out of 5 with the fishermen.", false},
		{"Die Kommentare", false},
		{"LE PUEDE INTERESAR: La ficha de Juan Orlando Hernández en el MDC de Nueva York y su historial", true},
		{"Lesen Sie auch: Der Hafen ist wieder offen, und die Fischer kehren mit vollen Netzen zurück", true},
		{"Lesen Sie auch die Geschichte des Hafens, die der Lehrer mit seinen Schülern aufgeschrieben hat, und staunen Sie.", false},
		{"Empfehlungen von Dennis:", false},
		{"Zurückhaltung war nie seine Stärke, sagt der Lehrer.", false},
		{"Anzeigen gegen den Bürgermeister wurden am Montag eingereicht.", false},
		{"Siehe, auch die Kinder halfen beim Eisbrechen am Hafen.", false},
		{"Facebook shares fell after the report.", false},
		{"Follow the money, the old saying goes, and you will find the culprit.", false},
		{"Nissan is hoping a sleek redesign of the Sentra will pull in more buyers.", false},
		{"By the end of the year, the plan was abandoned.", false},
		{"NISSAN SENTRA", false},
		{"1 Kyle Busch 5040 5 1 17 27", false},
		{"Palm Bay 18 22 13 17 — 70", false},
		{"The show opens to the public on Friday, November 22.", false},
		{"Shares of the company rose 5% in May.", false},
		// French sets a space before a colon; the labels are the same.
		{"Tags : hiver, port, brise-glace", true},
		{"Fotos : Berliner Feuerwehr", true},
		{"Related : SpaceX's Starship in Pictures", true},
		{"Le maire l'a dit : le port rouvrira lundi, et les pêcheurs avec lui.", false},
		// Blocks without letters: furniture, but for a place's telephone
		// number and a smiley.
		{"1 / 12", true},
		{"• • •", true},
		{"01-02-2020", true},
		{"12:30", true},
		{"2019-11-20", true},
		{"12.03.2019", true},
		{"+81 158-23-2012", false},
		{"(030) 123 4567", false},
		{"0711/12345-0", false},
		{"=)", false},
		{";-)", false},
		{":) :)", false},
		{"(3)", true},
	} {
		if got := isFurnitureText(tc.text); got != tc.want {
			t.Errorf("isFurnitureText(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestClassIsFurniture(t *testing.T) {
	for _, tc := range []struct {
		class string
		want  bool
	}{
		{"share-buttons", true}, {"articleByline", true}, {"socialIcons", true}, {"post-meta", true},
		{"wp-caption-text", true}, {"entry-author-bio", true}, {"comments-area", true}, {"rail__item", true},
		{"entry-content", false}, {"article-body", false}, {"story-body__introduction", false},
		{"shareholder-letter", false}, {"paragraph", false}, {"", false},
		// A hidden label is not a hidden field; a hashed or script-hook
		// name says nothing of what it holds.
		{"field field--label-hidden field__item", false}, {"visually-hidden", true}, {"hidden", true}, {"is-hidden", true},
		{"tagStyle_z4kqwb-o_O-style_1tcxgp3", false}, {"tag-list", true},
		{"presentation-box-txt js_readmore", false}, {"readmore-link", true},
		// Bootstrap's "text-hide" hides the element's text.
		{"text-hide", true}, {"site-title text-hide", true}, {"more-text-hidden", false},
	} {
		n := parseFragment(t, `<div class="`+tc.class+`">x</div>`)
		if got := classIsFurniture(n); got != tc.want {
			t.Errorf("classIsFurniture(%q) = %v, want %v", tc.class, got, tc.want)
		}
	}
}

// TestCleaningRulesFire checks, through the trace hook, that every rule
// family takes part on a page with all kinds of furniture.
func TestCleaningRulesFire(t *testing.T) {
	fired := map[string]bool{}
	cleanTrace = func(rule string, _ *html.Node) { fired[rule] = true }
	defer func() { cleanTrace = nil }()
	related := "<ul>"
	for i := range 4 {
		related += fmt.Sprintf(`<li><a href="/news/other-%d">Another story number %d</a></li>`, i, i)
	}
	related += "</ul>"
	body, _ := json.Marshal(strings.Join(bodyParas, "\n") + " " + strings.Repeat("More words of the same story so the body is substantial. ", 10))
	head := `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","articleBody":` + string(body) + `}</script>`
	extractPage(t, page(head, `<h2>The Harbour Heater</h2>`,
		`<figure><img src="/a.jpg"><figcaption>A caption</figcaption></figure><p><span class="newsCaption">The quay at dawn</span></p><div>Advertisement</div>`+
			`<p>Our partners offer great deals every day to readers who like to save money on their shopping.</p>`,
		related))
	for _, rule := range []string{"tag", "class", "links", "text", "ends", "jsonld"} {
		if !fired[rule] {
			t.Errorf("rule %q never fired (fired: %v)", rule, fired)
		}
	}
}

// Every rule's pattern compiles: they compile on first use, so a typo
// would otherwise surface only when some page reached that rule.
func TestLazyRegexpsCompile(t *testing.T) {
	for _, re := range []func() *regexp.Regexp{rxCounter, rxTally, rxReadTime, rxServerError, rxMoreLink, rxSlashCredit, rxCreditEnd, rxCoda, rxFollow, rxFollowOther, rxByline,
		rxDateAnchor, textEndRe, textCopyrightRe, textAsideRe, textBylineRe, textCreditRe, textCaptionRe, textURLRe, bylineDate} {
		if re() == nil {
			t.Fatal("a rule compiled to nil")
		}
	}
}

// TestCleaningKeepsEdges: what readability keeps and the cleaning must not
// take away: a standfirst inside the article's <header>, a section heading
// above the first paragraph, and paragraphs whose class names only look
// like furniture (a hidden label, a hashed name, a script hook).
func TestCleaningKeepsEdges(t *testing.T) {
	for _, tc := range []struct {
		name, before, mid string
		keep              []string
	}{
		{name: "standfirst in header", before: `<header><h2>The Harbour Heater</h2><p>KEEP a school's physics class built the heater that freed a frozen harbour this winter.</p></header>`,
			keep: []string{"KEEP a school's physics class built the heater"}},
		{name: "h2 section above the text", before: `<h2>KEEP How it began</h2>`, keep: []string{"KEEP How it began"}},
		{name: "hidden label", mid: `<div class="field field--label-hidden"><p>KEEP the heater uses forty metres of pipe and a pane of salvaged glass.</p></div>`,
			keep: []string{"KEEP the heater uses forty metres"}},
		{name: "hashed class", mid: `<p class="tagStyle_z4kqwb-o_O-style_1tcxgp3">KEEP the pupils still check the heater every morning before school.</p>`,
			keep: []string{"KEEP the pupils still check"}},
		{name: "script hook", mid: `<div class="js_readmore"><p>KEEP the second heater will be twice the size of the first one.</p></div>`,
			keep: []string{"KEEP the second heater"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := extractPage(t, page("", tc.before, tc.mid, ""))
			for _, k := range tc.keep {
				if !strings.Contains(a.Text, k) {
					t.Errorf("%q lost:\n%s", k, a.Text)
				}
			}
		})
	}
}

// TestSecondOpinionAgrees: an articleBody that is another text (it shares
// little with what was extracted) must not judge the extracted blocks.
func TestSecondOpinionAgrees(t *testing.T) {
	var o []string
	for i := range 11 {
		o = append(o, fmt.Sprintf("Garden chair number %d is a completely different product with its own uses in summer.", i))
	}
	other := strings.Join(o, " ")
	body, _ := json.Marshal(other)
	head := `<script type="application/ld+json">{"@type":"Article","articleBody":` + string(body) + `}</script>`
	extractPage(t, page(head, "", "", "")) // extractPage fails when a paragraph is lost
}

// TestArticleBodyWhenContainerIsAnother: when the container holds little
// of a substantial schema.org articleBody (under half its word runs) and
// the body is longer, the body is the article.
func TestArticleBodyWhenContainerIsAnother(t *testing.T) {
	var paras []string
	for i := range 6 {
		paras = append(paras, fmt.Sprintf("BODY paragraph %d tells how the ferry company rebuilt its old wooden pier with timber from the forest above the village, and how the ferrymen now moor their boats beside it every evening.", i))
	}
	body, _ := json.Marshal(strings.Join(paras, "\n"))
	head := `<script type="application/ld+json">{"@type":"NewsArticle","articleBody":` + string(body) + `}</script>`
	a, err := FromHTML([]byte(page(head, "", "", "")), "", "https://news.example.com/x")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "BODY paragraph 5 tells") || strings.Count(a.Text, "\n\n") < 5 {
		t.Errorf("the articleBody was not taken, paragraph by paragraph:\n%s", a.Text)
	}
}

// TestArticleBodyMarkup: an articleBody holding HTML is read as HTML, its
// tags never shown as text.
func TestArticleBodyMarkup(t *testing.T) {
	var paras []string
	for i := range 10 {
		paras = append(paras, fmt.Sprintf(`<p>BODY paragraph %d tells how the ferry company rebuilt its <a href="https://example.org/pier">old wooden pier</a> with timber from the forest, and how the ferrymen moor beside it.</p>`, i))
	}
	body, _ := json.Marshal(strings.Join(paras, ""))
	head := `<script type="application/ld+json">{"@type":"NewsArticle","articleBody":` + string(body) + `}</script>`
	a, err := FromHTML([]byte(`<html><head>`+head+`</head><body><div class="shop-panel"><p>Call us on weekdays.</p></div></body></html>`), "", "https://news.example.com/x")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "BODY paragraph 9 tells how the ferry company rebuilt its old wooden pier with") || strings.Contains(a.Text, "<a") || strings.Contains(a.Text, "</p>") {
		t.Errorf("articleBody markup shown or body not taken:\n%s", a.Text)
	}
	if !strings.Contains(a.Markdown, "[old wooden pier](https://example.org/pier)") || strings.Count(a.Text, "\n\n") < 9 {
		t.Errorf("articleBody markup not rendered:\n%s", a.Markdown)
	}
}

// TestArticleBodyMarkupCleaned: markup taken from articleBody is the
// site's own, boxes and hidden elements included, and is cleaned as
// go-readability's result is.
func TestArticleBodyMarkupCleaned(t *testing.T) {
	var paras []string
	for i := range 10 {
		paras = append(paras, fmt.Sprintf(`<p>BODY paragraph %d tells how the ferry company rebuilt its old wooden pier with timber from the forest, and how the ferrymen moor beside it.</p>`, i))
		if i == 4 {
			paras = append(paras, `<div class="box"><div>Lee también...</div><div><a href="/other-story">GONE another story about the ferry</a> <span style="display: none">HIDDEN 02 Mayo, 2022</span></div></div>`)
		}
	}
	body, _ := json.Marshal(strings.Join(paras, ""))
	head := `<script type="application/ld+json">{"@type":"NewsArticle","articleBody":` + string(body) + `}</script>`
	a, err := FromHTML([]byte(`<html><head>`+head+`</head><body><div class="shop-panel"><p>Call us on weekdays.</p></div></body></html>`), "", "https://news.example.com/x")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "BODY paragraph 9 tells") || !strings.Contains(a.Text, "BODY paragraph 0 tells") {
		t.Errorf("articleBody not taken:\n%s", a.Text)
	}
	for _, gone := range []string{"GONE", "HIDDEN", "Lee también"} {
		if strings.Contains(a.Text, gone) {
			t.Errorf("%q kept:\n%s", gone, a.Text)
		}
	}
}

// TestSecondOpinionKeepsSubheadings: a schema.org articleBody is the
// running text; a subheading it leaves out stays.
func TestSecondOpinionKeepsSubheadings(t *testing.T) {
	body, _ := json.Marshal(strings.Join(bodyParas, "\n") + " " + strings.Repeat("More words of the same story so the body is substantial. ", 10))
	head := `<script type="application/ld+json">{"@type":"NewsArticle","articleBody":` + string(body) + `}</script>`
	a := extractPage(t, page(head, "", `<h2>KEEP the second winter</h2><p>GONE our partners offer great deals every day to readers who like to save money.</p>`, ""))
	if !strings.Contains(a.Text, "KEEP the second winter") || strings.Contains(a.Text, "GONE") {
		t.Errorf("text:\n%s", a.Text)
	}
}

// The <article> holding the page's headline is the page's own post; a
// series of <article>s after it are other posts (a blog's "you may also
// like" teasers), dropped even when they hold more text than the post. A
// headline's <article> with no prose of its own is not the post, and one
// <article> after it may be the post's body: both stay.
func TestOtherPostsAfterTheHeadline(t *testing.T) {
	var teasers strings.Builder
	for i := range 6 {
		fmt.Fprintf(&teasers, `<article class="postbox post-%d"><a href="/other-%d"><img src="/img/%d.jpg"></a><p>OTHER post %d: life asks of us the courage to hope for the best and make it happen, to get up after each fall without losing the enthusiasm, and to believe that the good is waiting just ahead for those who pursue it with dedication and patience …</p></article>`, i, i, i, i)
	}
	own := `<article class="articlebox"><h1>The Harbour Heater</h1><p>` + strings.Join(bodyParas[:2], "</p><p>") + `</p></article>`
	for _, c := range []struct {
		name, body string
		keep, gone string
	}{
		{"teasers in a box after the post", `<main>` + own + `<article class="postbox"><h3>You may like...</h3>` + teasers.String() + `</article></main>`, "Bravo nobody expected", "OTHER post"},
		{"teasers beside the post", `<main>` + own + teasers.String() + `</main>`, "Bravo nobody expected", "OTHER post"},
		{"a headline's article without prose", `<main><article><h1>The Harbour Heater</h1></article><article><p>` + strings.Join(bodyParas, "</p><p>") + `</p></article></main>`, "Echo for now the town", ""},
		{"a headline's article with a standfirst, then the body", `<main><article><h1>The Harbour Heater</h1><p>` + bodyParas[0] + `</p></article><article><p>` + strings.Join(bodyParas[1:], "</p><p>") + `</p></article></main>`, "Echo for now the town", ""},
	} {
		a, err := FromHTML([]byte(`<html><head><title>The Harbour Heater</title></head><body>`+c.body+`</body></html>`), "", "https://example.org/heater")
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !strings.Contains(a.Text, c.keep) {
			t.Errorf("%s: the post lost %q:\n%.400s", c.name, c.keep, a.Text)
		}
		if c.gone != "" && strings.Contains(a.Text, c.gone) {
			t.Errorf("%s: %q kept:\n%.400s", c.name, c.gone, a.Text)
		}
	}
}

// blockText squeezes as squeeze does (every kind of white space, words
// split across elements kept apart) without the copies.
func TestBlockTextSqueezes(t *testing.T) {
	doc, err := html.Parse(strings.NewReader("<div id=x>\n\t Photo:\u00a0Jane <b>Doe</b>/<i>Agency</i> \u2003 <script>x()</script>2019 </div>"))
	if err != nil {
		t.Fatal(err)
	}
	div := elementByID(doc, "x")
	if got, want := blockText(div, 400), "Photo: Jane Doe / Agency 2019"; got != want {
		t.Errorf("blockText = %q, want %q", got, want)
	}
	if got := blockText(div, 10); got != "" {
		t.Errorf("blockText over the limit = %q, want \"\"", got)
	}
}

// TestDateWord: dateWord says what the pattern it replaced said, on the
// words of the corpus's shapes and on random ones.
func TestDateWord(t *testing.T) {
	ref := regexp.MustCompile(`(?i)^(\d{1,4}([:./-]\d{1,4}){0,2}(am|pm|h)?|jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?|oct(ober)?|nov(ember)?|dec(ember)?|mon(day)?|tue(sday)?|wed(nesday)?|thu(rsday)?|fri(day)?|sat(urday)?|sun(day)?|am|pm|a\.m|p\.m|est|edt|cst|cdt|pst|pdt|gmt|utc|bst|cet|ist|hst|amt|et|pt|updated|published|posted|last|modified|on|at|of|de|às|em|le|el|am|um|publicado|publicada|atualizado|actualizado|mis à jour|publié|janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|segunda|terça|quarta|quinta|sexta|sábado|domingo|feira|enero|febrero|marzo|mayo|junio|julio|septiembre|octubre|noviembre|diciembre|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|\|)$`)
	words := []string{"", "1", "12", "2019", "20190", "12:30", "12:30pm", "12:30PM", "9am", "14h", "14H", "h", "am", "pm",
		"2019-11-20", "20.11.2019", "1/2/3", "1/2/3/4", "1:", ":1", "1-", "12:3a", "12.30.45pm", "Jan", "JANUARY", "janv",
		"Sept", "septembre", "sábado", "Sábado", "feira", "|", "||", "mis", "à", "jour", "a.m", "p.m", "A.M", "a.m.", "on", "On",
		"the", "Monday", "mon", "tues", "Tue", "et", "pt", "PT", "de", "DE", "Ist", "12345:1", "1:12345", "1.2.3h", "1h2",
		"0x12", "½", "١٢", "2019年", "Juin", "JUIN", "août", "AOÛT", "Publié", "PUBLIÉ", "k", "K", "ſ", "Ǆ"}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("0123456789:./-ahmpAHMP|jJunNe ")
	for range 20000 {
		b := make([]rune, 1+r.IntN(8))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		words = append(words, string(b))
	}
	for _, w := range words {
		if got, want := dateWord(w), ref.MatchString(w); got != want {
			t.Errorf("dateWord(%q) = %v, the pattern says %v", w, got, want)
		}
	}
}

// TestPHPErrorsDropped: the error messages an old PHP host prints into its
// pages (a bold level, the message, the file and its line) are not the
// article, however many there are and wherever they stand; a sentence
// that speaks of a warning stays.
func TestPHPErrorsDropped(t *testing.T) {
	var errs strings.Builder
	for i := range 30 {
		fmt.Fprintf(&errs, "<br />\n<b>Deprecated</b>:  Assigning the return value of new by reference is deprecated in <b>/www/htdocs/w00/wp-settings.php</b> on line <b>%d</b><br />\n", 500+i)
	}
	errs.WriteString("<br />\n<b>Strict Standards</b>:  Declaration of Walker_Page::start_lvl() should be compatible with Walker::start_lvl(&amp;$output) in <b>/www/htdocs/w00/wp-includes/classes.php</b> on line <b>1199</b><br />\n")
	para := "<p>The installation went smoothly on the old machine, and the program found no viruses at all in the weeks that followed the test.</p>"
	page := "<html><head><title>A software test</title></head><body>" + errs.String() +
		"<article><h1>A software test</h1>" + para + para +
		"<p>Warning: the program slows an old machine down, as the next weeks of the test showed on both of the computers we had.</p>" +
		"<p>Warning: the build fails on line 12 of main.go.</p>" +
		"<p>Einen Parallel-Scan: <b>Warning</b>: Creating default object from empty value in <b>/www/classes.php</b> on line <b>407</b><br />Dieser nutzt alle Prozessoren des Rechners für die Suche nach Viren.</p>" +
		para + "</article></body></html>"
	a, err := FromHTML([]byte(page), "", "https://example.org/test")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(a.Text, ".php on line") || strings.Contains(a.Text, "Deprecated") || strings.Contains(a.Markdown, "Strict Standards") {
		t.Errorf("a PHP error is in the text:\n%s", a.Text)
	}
	for _, want := range []string{"Warning: the program slows an old machine down", "Warning: the build fails on line 12", "Einen Parallel-Scan:", "Dieser nutzt alle Prozessoren"} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("%q was lost:\n%s", want, a.Text)
		}
	}
}

// TestMenuOutweighsShortPost: when go-readability takes a page's whole
// frame, a site's menu (nested lists of labels and links) can hold more
// text than the short news post beside it; it goes all the same, its
// labels and its links to other sites too.
func TestMenuOutweighsShortPost(t *testing.T) {
	menu := `<ul id="navigation">`
	for i := range 6 {
		menu += fmt.Sprintf(`<li class="title">MENU section %d<ul class="topcat"><li><a href="/section-%d/">MENU page %d</a></li><li class="subcat">MENU group %d<ul><li><a href="https://gallery.example.org/%d/">MENU previews %d</a></li></ul></li></ul></li>`, i, i, i, i, i, i)
	}
	menu += `</ul>`
	post := "Chapter 121 is online now. As always the pictures can only be seen by members who are logged in. Chapter 122 follows on Friday."
	doc, err := html.Parse(strings.NewReader(`<div id="container"><div id="content"><p>` + post + `</p></div><div id="leftnav">` + menu + `</div></div>`))
	if err != nil {
		t.Fatal(err)
	}
	root := findElement(doc, "body")
	postClean(root, &pageInfo{host: "fans.example.com"})
	text := squeeze(textOf(root))
	if !strings.Contains(text, post) {
		t.Errorf("post lost: %s", text)
	}
	if strings.Contains(text, "MENU") {
		t.Errorf("menu left in: %s", text)
	}
	// A restaurant's dishes in a list named "menu" are the page's text.
	dishes := `<ul class="menu">`
	for i := range 12 {
		dishes += fmt.Sprintf(`<li>DISH %d: roast beetroot with goat's cheese and walnuts, 14 euros</li>`, i)
	}
	dishes += `</ul>`
	doc, err = html.Parse(strings.NewReader(`<div id="content"><p>` + strings.Repeat("Our winter menu is served from noon until ten, with bread from the bakery next door. ", 8) + `</p>` + dishes + `</div>`))
	if err != nil {
		t.Fatal(err)
	}
	root = findElement(doc, "body")
	postClean(root, &pageInfo{host: "bistro.example.com"})
	if text := squeeze(textOf(root)); strings.Count(text, "DISH") != 12 {
		t.Errorf("a restaurant's menu lost: %s", text)
	}
}

// TestLeadInKeptWhenSomethingFollows: a closing label that ends in a
// colon stays when a picture follows it, and a sentence that ends in one
// stays at the end.
func TestLeadInKeptWhenSomethingFollows(t *testing.T) {
	src := page("", "", "", `<p>KEEP the quay:</p><p><img src="/img/quay.jpg" alt="The quay"></p><p>KEEP the report is here:</p>`)
	a := extractPage(t, src)
	for _, k := range []string{"KEEP the quay:", "KEEP the report is here:"} {
		if !strings.Contains(a.Text, k) {
			t.Errorf("%q lost:\n%s", k, a.Text)
		}
	}
}

// TestQuotedPostKept: a post from a social network the article quotes
// (the embed code's blockquote, set in a "social-media-embed" wrapper) is
// the article's quote; readability dropped every element named "social".
// The site's own share bar, so named too, still goes.
func TestQuotedPostKept(t *testing.T) {
	const post = "Yes this is real and yes the state spent nearly half a million dollars on it"
	embed := `<div class="social-media-embed"><blockquote class="twitter-tweet"><p lang="en" dir="ltr">` + post +
		` <a href="https://t.co/x">https://t.co/x</a></p>— Jane Roe (@janeroe) <a href="https://twitter.com/janeroe/status/1">November 18, 2019</a></blockquote>` +
		`<script async src="https://platform.twitter.com/widgets.js"></script></div>`
	share := `<div class="social-share"><a href="https://twitter.com/intent/tweet">Share on Twitter</a> <a href="https://facebook.com/sharer">Share on Facebook</a></div>`
	a := extractPage(t, page("", share, embed, ""))
	if !strings.Contains(a.Text, post) || !strings.Contains(a.Markdown, "> "+post) {
		t.Errorf("the quoted post lost:\n%s", a.Markdown)
	}
	if strings.Contains(a.Text, "Share on") {
		t.Errorf("the share bar kept:\n%s", a.Text)
	}
}

// A wiki's table of contents goes with its title: its items went as
// links one by one, but "Contents" stayed over the article as a heading of
// nothing (a MediaWiki page's <div id="toc"><div id="toctitle"><h2>). A
// section whose list of links went keeps its heading when prose is left.
func TestTableOfContentsGoesWithItsTitle(t *testing.T) {
	item := func(n, name string) string {
		return `<li class="toclevel-1"><a href="#` + name + `"><span class="tocnumber">` + n + `</span> <span class="toctext">` + name + `</span></a>`
	}
	toc := `<div style="float: right"><div id="toc" class="toc"><div id="toctitle"><h2>Contents</h2></div><ul>` +
		item("1", "Schedule") + `<ul>` + item("1.1", "Spring") + `</li>` + item("1.2", "Summer") + `</li></ul></li>` +
		item("2", "Gifts") + `<ul>` + item("2.1", "Loved") + `</li>` + item("2.2", "Liked") + `</li></ul></li>` +
		item("3", "Quotes") + `</li></ul></div></div>`
	seeAlso := `<div class="section"><h2>See the town</h2><p>` + bodyParas[4] + `</p><ul><li><a href="/Pierre">Pierre</a></li><li><a href="/Pam">Pam</a></li></ul></div>`
	body := `<div id="content"><p>` + bodyParas[0] + `</p>` + toc + `<h2 id="Schedule">Schedule</h2><p>` +
		strings.Join(bodyParas[1:3], "</p><p>") + `</p><h2 id="Gifts">Gifts</h2><p>` + bodyParas[3] + `</p>` + seeAlso + `</div>`
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	root := findElement(doc, "body")
	postClean(root, &pageInfo{host: "wiki.example.org"})
	text := squeeze(textOf(root))
	if strings.Contains(text, "Contents") || strings.Contains(text, "Spring") {
		t.Errorf("the table of contents' title stayed: %s", text)
	}
	for _, want := range []string{"Schedule", "Gifts", "See the town", bodyParas[4][:40]} {
		if !strings.Contains(text, want) {
			t.Errorf("the article lost %q: %s", want, text)
		}
	}
}

// TestMathKeptAsFormula: a formula in a sentence was dropped whole ("If
// the transpose of a matrix is denoted by , then"): MathML was skipped,
// MediaWiki's picture of it left out as a picture, and MathJax's box
// removed for its context menu's class. It is its TeX now (MediaWiki's
// alt text, a TeX annotation), else its symbols, set as code.
func TestMathKeptAsFormula(t *testing.T) {
	wiki := func(tex, alt string) string {
		return `<span class="mwe-math-element"><span class="mwe-math-mathml-inline mwe-math-mathml-a11y" style="display: none;"><math xmlns="http://www.w3.org/1998/Math/MathML" alttext="` + tex +
			`"><semantics><mi>A</mi><annotation encoding="application/x-tex">` + tex + `</annotation></semantics></math></span>` +
			`<img src="https://wikimedia.org/api/rest_v1/media/math/render/svg/7daff47fa58c" class="mwe-math-fallback-image-inline" aria-hidden="true" alt="` + alt + `"></span>`
	}
	middle := `<p>If the conjugate transpose of a matrix ` + wiki(`{\displaystyle A}`, `{\displaystyle A}`) + ` is denoted by ` + wiki(`{\displaystyle A^{\mathsf {H}}}`, `A^H`) +
		`, then the Hermitian property reads ` + wiki(`{\displaystyle A=A^{\mathsf {H}}}`, `{\displaystyle A=A^{\mathsf {H}}}`) + ` for every such matrix.</p>` +
		`<p>When <mjx-container class="MathJax CtxtMenu_Attached_0" jax="CHTML"><mjx-math class="MJX-TEX" aria-hidden="true"><mjx-mi><mjx-c class="mjx-c1D44E"></mjx-c></mjx-mi></mjx-math>` +
		`<mjx-assistive-mml unselectable="on" display="inline"><math><mi>a</mi><mo>≠</mo><mn>0</mn></math></mjx-assistive-mml></mjx-container>, there are two solutions to the equation, as every student learns.</p>` +
		// MathML shown beside its picture: the formula once.
		`<p>The trace of <span class="mwe-math-element"><span class="mwe-math-mathml-inline"><math alttext="{\displaystyle B}"><mi>B</mi></math></span>` +
		`<img src="https://wikimedia.org/api/rest_v1/media/math/render/svg/b1" class="mwe-math-fallback-image-inline" alt="{\displaystyle B}"></span> is a real number for every such matrix.</p>` +
		// A formula set apart, its block holding nothing else but a stop.
		`<p>or in matrix form:</p><dl><dd>` + wiki(`{\displaystyle A=\overline {A^{T}}}`, `{\displaystyle A=\overline {A^{T}}}`) + `.</dd></dl>`
	a := extractPage(t, page("", "", middle, ""))
	for _, want := range []string{"matrix A is denoted by A^H, then", "reads A=A^{\\mathsf {H}} for every", "When a ≠ 0, there are two solutions", "The trace of B is a real", "or in matrix form:\n\nA=\\overline {A^{T}}."} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, a.Text)
		}
	}
	if !strings.Contains(a.Markdown, "matrix `A` is denoted by `A^H`, then") {
		t.Errorf("markdown:\n%s", a.Markdown)
	}
}

// TestWikiEditLinksDropped: a wiki's headings kept their link to edit the
// section ("Details[edit]"), MediaWiki's "mw-editsection".
func TestWikiEditLinksDropped(t *testing.T) {
	middle := `<h2><span class="mw-headline" id="Details">Details</span><span class="mw-editsection"><span class="mw-editsection-bracket">[</span>` +
		`<a href="/w/index.php?title=Harbour&amp;action=edit&amp;section=1" title="Edit section: Details">edit</a><span class="mw-editsection-bracket">]</span></span></h2>`
	a := extractPage(t, page("", "", middle, ""))
	if strings.Contains(a.Text, "edit") || !strings.Contains(a.Markdown, "## Details\n") {
		t.Errorf("markdown:\n%s", a.Markdown)
	}
}
