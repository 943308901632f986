package reader

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestHeadlineOpinionWrongBox: a text from another box (an author's bio)
// lacks the prose after the headline, the post's <h1> rather than the
// blog's name in the <h1> above it; the block around the headline holds
// more prose, and wins, without the headline itself.
func TestHeadlineOpinionWrongBox(t *testing.T) {
	post := []string{
		"Alpha we spent the weekend on the coast path and walked from the lighthouse to the old mill while the wind blew hard from the west all day long.",
		"Bravo the mill is a ruin now but the wheel still turns when the river is high and a family of otters lives under the sluice gate where the water runs slow.",
		"Charlie on the way back we stopped at the harbour for chips and watched the ferry come in late as always with its decks full of cyclists from the city.",
	}
	bio := "Zulu about the author: a walker, a reader, a cook, a father, a teacher, a maker of maps, a keeper of bees, a singer and a baker of bread."
	src := `<html><head><title>A weekend on the coast path – Walking Notes</title></head><body>` +
		`<header><h1>Walking Notes</h1></header><div id="main"><article class="post"><h1>A weekend on the coast path</h1>` +
		`<div class="entry"><p>` + strings.Join(post, "</p><p>") + `</p></div></article></div>` +
		`<div id="side"><div class="about"><p>` + bio + `</p></div></div></body></html>`
	parse := func() (*html.Node, *pageInfo) {
		doc, _ := html.Parse(strings.NewReader(src))
		return doc, preClean(doc)
	}
	doc, info := parse()
	info.title = "A weekend on the coast path – Walking Notes"
	if !doubtsHeadline(bio, info) || doubtsHeadline(strings.Join(post, "\n\n"), info) {
		t.Fatal("doubtsHeadline misjudges the bio or the post")
	}
	// Where go-readability's own box held the paragraph, the cleaning
	// took it out: the block would lose it too.
	info.headInFirst = true
	if doubtsHeadline(bio, info) {
		t.Error("doubted a text whose box held the headline's paragraph")
	}
	info.headInFirst = false
	_, text, ok, _ := headContainer(doc, info, nil, bio)
	if !ok || text != strings.Join(post, "\n\n") {
		t.Errorf("headline's block %v:\n%s", ok, text)
	}
	// A block with no more prose than the text it would replace loses.
	doc, _ = parse()
	if _, _, ok, _ := headContainer(doc, info, nil, strings.Join(post, "\n\n")+"\n\n"+bio); ok {
		t.Error("the headline's block replaced a text with more prose")
	}
}

// TestHeadlineOpinionOpening: go-readability takes the post's body
// without its opening paragraph, which sits with the headline; the
// headline's block gives it back, and ends where the body ended, without
// the teasers that follow in the same box.
func TestHeadlineOpinionOpening(t *testing.T) {
	src := `<html><head><title>The Harbour Heater</title></head><body><div id="page"><main>` +
		`<div class="top"><a href="/">Example News</a><h1>The Harbour Heater</h1><p class="intro">Opening a school's scrap-metal heater has kept the harbour free of ice all winter, and the town is grateful to the twelve pupils who built it.</p></div>` +
		`<div class="text"><p>` + strings.Join(bodyParas, "</p><p>") + `</p></div>` +
		`<div class="more"><h2>More from the coast</h2><div class="teaser"><p>Teaser the lighthouse keeper retires after forty years of nights on the rock, and the village is planning a party in his honour.</p></div></div>` +
		`</main><footer><p>Example News, 1 Quay Street, Harbour Town</p></footer></div></body></html>`
	a, err := FromHTML([]byte(src), "", "https://example.org/heater")
	if err != nil {
		t.Fatalf("FromHTML: %v", err)
	}
	if !strings.HasPrefix(a.Text, "Opening") || !strings.Contains(a.Text, bodyParas[4]) {
		t.Errorf("text:\n%s", a.Text)
	}
	if strings.Contains(a.Text, "Teaser") || strings.Contains(a.Text, "Example News") {
		t.Errorf("kept the teaser or the site's name:\n%s", a.Text)
	}
}

// TestHeadlineOpinionAfterStandfirst: a text that is the head's standfirst
// (set as a subheading) ends before the headline's first paragraph: the
// block is not cut where it ends, and the post after it is read.
func TestHeadlineOpinionAfterStandfirst(t *testing.T) {
	stand := "Standfirst the school's heater has kept the harbour open all winter, and the council wants a second one."
	src := `<html><head><title>The Harbour Heater</title></head><body><div id="page"><div class="story">` +
		`<div class="story-header"><h1>The Harbour Heater</h1><h2>` + stand + `</h2></div>` +
		`<div class="story-body"><p>` + strings.Join(bodyParas, "</p><p>") + `</p></div>` +
		`</div><aside><p>Other stories from the coast, every morning in your inbox.</p></aside></div></body></html>`
	doc, _ := html.Parse(strings.NewReader(src))
	info := preClean(doc)
	info.title = "The Harbour Heater"
	if !doubtsHeadline(stand, info) {
		t.Fatal("the standfirst alone is not doubted")
	}
	_, text, ok, _ := headContainer(doc, info, nil, stand)
	if !ok || !strings.HasPrefix(text, "Standfirst") || !strings.HasSuffix(text, bodyParas[4]) {
		t.Errorf("headline's block %v:\n%s", ok, text)
	}
}

// TestHeadlineOpinionIntro: the headline's own box holds a short
// introduction and go-readability takes the body after it: the
// introduction is put back at the top. A box with a picture holds the
// picture's caption instead, and stays out.
func TestHeadlineOpinionIntro(t *testing.T) {
	intro := "Intro how twelve pupils and their physics teacher kept a frozen harbour open all winter with scrap copper, salvaged glass and patience."
	for _, pic := range []bool{false, true} {
		img := ""
		if pic {
			img = `<img src="/heater.jpg" alt="">`
		}
		src := `<html><head><title>The Harbour Heater</title></head><body><div id="page"><div class="wrap"><div class="head"><h1>The Harbour Heater</h1>` + img +
			`<p>` + intro + `</p></div></div><div class="body"><p>` + strings.Join(bodyParas, "</p><p>") + `</p></div>` +
			`<footer><p>Example News, 1 Quay Street</p></footer></div></body></html>`
		a, err := FromHTML([]byte(src), "", "https://example.org/heater")
		if err != nil {
			t.Fatalf("FromHTML: %v", err)
		}
		if got := strings.HasPrefix(a.Text, intro+"\n\n"+bodyParas[0]); got == pic || !strings.HasSuffix(a.Text, bodyParas[4]) {
			t.Errorf("picture %v, text:\n%s", pic, a.Text)
		}
	}
}

// TestHeadlineOpinionIntroSameOpening: a paragraph of the body opens
// with the same words as the introduction in the headline's box; the
// body holding those words does not hold the introduction, which is put
// back at the top.
func TestHeadlineOpinionIntroSameOpening(t *testing.T) {
	intro := "Harbour council demands an inquiry into the ferry fire and a report on the quay's safety before the summer season opens."
	body := append([]string{}, bodyParas...)
	body[2] = "Harbour council demands an answer from the ministry too, on who pays for the repairs to the old quay after the fire."
	src := `<html><head><title>The Harbour Heater</title></head><body><div id="page"><div class="wrap"><div class="head"><h1>The Harbour Heater</h1>` +
		`<p>` + intro + `</p></div></div><div class="body"><p>` + strings.Join(body, "</p><p>") + `</p></div>` +
		`<footer><p>Example News, 1 Quay Street</p></footer></div></body></html>`
	a, err := FromHTML([]byte(src), "", "https://example.org/heater")
	if err != nil {
		t.Fatalf("FromHTML: %v", err)
	}
	if !strings.HasPrefix(a.Text, intro+"\n\n"+body[0]) || !strings.Contains(a.Text, body[2]) || !strings.HasSuffix(a.Text, body[4]) {
		t.Errorf("text:\n%s", a.Text)
	}
}

// TestHeadlineFromH2: the page's <h1> is the site's name and the post's
// title an <h2>, the one the page's title holds; the headline's block is
// the post's, not the page's header.
func TestHeadlineFromH2(t *testing.T) {
	post := []string{
		"Alpha we spent the weekend on the coast path and walked from the lighthouse to the old mill while the wind blew hard from the west all day long.",
		"Bravo the mill is a ruin now but the wheel still turns when the river is high and a family of otters lives under the sluice gate where the water runs slow.",
	}
	bio := "Zulu about the author: a walker, a reader, a cook, a father, a teacher, a maker of maps, a keeper of bees, a singer and a baker of bread."
	src := `<html><head><title>A weekend on the coast path » Walking Notes</title></head><body>` +
		`<header><h1>Walking Notes from the West Country</h1><h2>Menu</h2></header><div id="main"><div class="post"><h2>A weekend on the coast path</h2>` +
		`<div class="entry"><p>` + strings.Join(post, "</p><p>") + `</p></div></div></div>` +
		`<div id="side"><div class="about"><p>` + bio + `</p></div></div></body></html>`
	doc, _ := html.Parse(strings.NewReader(src))
	info := preClean(doc)
	info.title = "A weekend on the coast path » Walking Notes"
	if h, ok := info.headline(); !ok || h.text != "A weekend on the coast path" || h.after != post[0] {
		t.Fatalf("headline %+v %v", h, ok)
	}
	// Only the <h2> the <title> names is kept: no paragraph is looked
	// for after the others.
	if len(info.heads2) != 1 {
		t.Errorf("h2s kept: %+v", info.heads2)
	}
	if !doubtsHeadline(bio, info) {
		t.Fatal("the bio is not doubted")
	}
	_, text, ok, _ := headContainer(doc, info, nil, bio)
	if !ok || text != strings.Join(post, "\n\n") {
		t.Errorf("headline's block %v:\n%s", ok, text)
	}
}

// TestHeadlineOpinionFooter: go-readability's text is the site's "about"
// paragraph in the page's footer; the headline's block, a product's
// fields and values with no prose, wins all the same. A text from an
// article's own footer is not judged so.
func TestHeadlineOpinionFooter(t *testing.T) {
	about := "Example Index is an online service of Example Media and offers news, facts and databases for doctors, chemists and other trades of the kind."
	fields := `<div class="row"><div class="key">Leaflet</div><div class="val"><p>No leaflet provided by the maker</p></div></div>` +
		`<div class="row"><div class="key">Summary</div><div class="val"><span>No summary for this product on file</span></div></div>` +
		`<div class="row"><div class="key">Sizes</div><div class="val"><ul><li>80 tablets, pack of one</li><li>200 tablets, pack of two</li></ul></div></div>` +
		`<div class="row"><div class="key">Prices</div><div class="val"><p>Registered trade users see the prices and the packs here:</p></div></div>`
	src := `<html><head><title>Quinine D4 Tablets</title></head><body><div class="page"><div class="content">` +
		`<div class="head"><h1>Quinine D4 Tablets</h1><a href="/maker">Maker Ltd</a></div><div class="tabs">` + fields + `</div></div></div>` +
		`<footer><div class="links"><a href="/about">About</a></div><p>` + about + `</p></footer></body></html>`
	doc, _ := html.Parse(strings.NewReader(src))
	info := preClean(doc)
	info.title = "Quinine D4 Tablets"
	_, text, ok, _ := headContainer(doc, info, nil, about)
	if !ok || !strings.Contains(text, "No leaflet provided by the maker") || !strings.Contains(text, "Registered trade users") || strings.Contains(text, about) {
		t.Errorf("headline's block %v:\n%s", ok, text)
	}
	doc, _ = html.Parse(strings.NewReader(strings.Replace(strings.Replace(src, "<footer>", "<article><footer>", 1), "</footer>", "</footer></article>", 1)))
	if _, _, ok, _ := headContainer(doc, info, nil, about); ok {
		t.Error("a text from an article's footer lost to the fields")
	}
}
