package bench

import "testing"

// TestBrowserCopy: paragraphs and headings apart by a blank line, list
// items and other blocks on lines of their own without bullets, a table's
// cells set apart by tabs, a <br> a line break, hidden and script text
// left out, runs of white space one space.
func TestBrowserCopy(t *testing.T) {
	page := `<html><head><title>T</title><script>var x = 1;</script></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<h1>A   Headline</h1>
<p>First <b>paragraph</b>,
 wrapped.</p><p>Second<br>line two.</p>
<p style="display: none">hidden</p><div hidden>also hidden</div><img src="x.jpg" alt="a picture">
<table><tr><th>Pos.</th> <th>Driver</th></tr><tr><td>1</td> <td>Kyle Busch</td></tr></table>
<pre>code  kept
  as is</pre>
</body></html>`
	got, err := BrowserCopy([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	want := "Home\nNews\n\nA Headline\n\nFirst paragraph, wrapped.\n\nSecond\nline two.\n\nPos.\tDriver\n1\tKyle Busch\ncode  kept\n  as is\n"
	if string(got) != want {
		t.Errorf("BrowserCopy:\n%q\nwant\n%q", got, want)
	}
}
