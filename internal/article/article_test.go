package article

import "testing"

// TestQuoted: a passage that is a quotation already was put in a second
// pair of marks (““No tax is popular,” he said.””).
func TestQuoted(t *testing.T) {
	for in, want := range map[string]string{
		"No tax is popular.": "“No tax is popular.”",
		"“No tax is popular, but this is an unpopular one.”": "“No tax is popular, but this is an unpopular one.”",
		`"Plain quotes," she said, "count too."`:             `"Plain quotes," she said, "count too."`,
		"« Je ne fais pas que voter blanc »":                 "« Je ne fais pas que voter blanc »",
		"„Kein Abonnement erforderlich“":                     "„Kein Abonnement erforderlich“",
		"“An opening mark only, and words":                   "““An opening mark only, and words”",
		"\"":                                                 "“\"”",
	} {
		if got := Quoted(in); got != want {
			t.Errorf("Quoted(%q) = %q, want %q", in, got, want)
		}
	}
}
