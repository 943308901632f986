package bench

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestScorePassages(t *testing.T) {
	text := "Der  Text\u00a0steht\nhier. Teilen mit:"
	c := ScorePassages(text, []string{"Text steht hier.", "fehlt", "der Text"}, []string{"Teilen mit:", "(c) 2016"})
	want := Counts{TP: 1, FN: 2, FP: 1, TN: 1}
	if c != want {
		t.Fatalf("counts %+v, want %+v", c, want)
	}
	if got := c.F(); got != 2.0/5 {
		t.Errorf("F %.3f, want 0.4", got)
	}
	if ScorePassages("", []string{"a"}, []string{"b"}) != (Counts{FN: 1, TN: 1}) {
		t.Error("an empty text must score every with passage missing and every without passage absent")
	}
}

func TestPageLang(t *testing.T) {
	for raw, want := range map[string]string{
		`<!doctype html><html class="x" lang="de-DE"><body>`: "de",
		`<HTML LANG=pt-br>`:              "pt",
		`<html><body lang="fr">`:         "?",
		`<html xml:lang="en" lang='EN'>`: "en",
	} {
		if got := PageLang([]byte(raw)); got != want {
			t.Errorf("PageLang(%q) = %q, want %q", raw, got, want)
		}
	}
}

func TestPageHeadline(t *testing.T) {
	for raw, want := range map[string]string{
		`<title>Big News - Site</title><h1>Big  News</h1>`: "Big News",
		`<title>Other</title><meta property="og:title" content="Story | Paper"><meta property="og:site_name" content="Paper"><h1>Menu</h1>`: "Story",
		`<title>Only Title</title>`: "Only Title",
	} {
		if got := PageHeadline([]byte(raw)); got != want {
			t.Errorf("PageHeadline(%q) = %q, want %q", raw, got, want)
		}
	}
}

func TestPassagesPrints(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "html"), 0o755)
	os.WriteFile(filepath.Join(dir, "evaldata.json"), []byte(`{"a1":{"url":"","with":["good words"],"without":["bad words"]},"b2":{"url":"","with":["other"],"without":[]}}`), 0o644)
	os.WriteFile(filepath.Join(dir, "html", "a1.html"), []byte(`<html lang="de"><p>good words</p><p>bad words</p>`), 0o644)
	os.WriteFile(filepath.Join(dir, "html", "b2.html"), []byte(`<html lang="en"><p>other</p>`), 0o644)
	pipe := func(p CorpusPage, raw []byte) (string, error) { return "good words other", nil }
	base := func(p CorpusPage, raw []byte) (string, error) { return string(raw), nil }
	rep, err := Passages(dir, pipe, base, 1)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pipeline != (Counts{TP: 2, TN: 1}) || rep.Baseline != (Counts{TP: 2, FP: 1}) {
		t.Fatalf("pipeline %+v baseline %+v", rep.Pipeline, rep.Baseline)
	}
	var b bytes.Buffer
	rep.Print(&b)
	for _, want := range []string{"pipeline    1.000", "de      1 pages", "en      1 pages", "worst 15", "ratio"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, b.String())
		}
	}
}
