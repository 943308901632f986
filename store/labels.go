package store

import "margin/internal/query"

// Label is one kind of highlight: its name, what it means, how it looks
// and whether it may point at a claim. Every screen, export and check
// reads labels from LabelDefs; none writes its own table.
type Label struct {
	Name         string
	Help         string // what it marks, for choosers and help
	Color        string // colour name in exports (Omnivore's names)
	Dark, Light  string // background colour on a dark and on a light terminal
	LinksToClaim bool   // it may be linked to a claim of the same article
}

// LabelDefs are margin's labels, in the order the UI offers them.
var LabelDefs = []Label{
	{Name: "highlight", Help: "worth keeping", Color: "yellow", Dark: "#5c5200", Light: "#fff29a"},
	{Name: "claim", Help: "something the author asserts", Color: "blue", Dark: "#1e4a78", Light: "#c4ddfa"},
	{Name: "evidence", Help: "supports a claim", Color: "green", Dark: "#235c2c", Light: "#c9ecc9", LinksToClaim: true},
	{Name: "question", Help: "questions a claim", Color: "purple", Dark: "#6b2f6b", Light: "#f0c8f0", LinksToClaim: true},
	{Name: "disagree", Help: "disputes a claim", Color: "red", Dark: "#7a2a2a", Light: "#fccfcf", LinksToClaim: true},
}

// Labels are the labels' names, in the order the UI offers them.
var Labels = func() []string {
	out := make([]string, len(LabelDefs))
	for i, l := range LabelDefs {
		out[i] = l.Name
	}
	return out
}()

// ClaimLabel is the label others link to.
const ClaimLabel = "claim"

// LabelNamed returns the label called name; ok is false for a label margin
// does not define (the store keeps such labels, as a user's own).
func LabelNamed(name string) (l Label, ok bool) {
	for _, l := range LabelDefs {
		if l.Name == name {
			return l, true
		}
	}
	return LabelDefs[0], false
}

// LinksToClaim reports whether a highlight with this label may be linked
// to a claim: evidence, a question or a disagreement.
func LinksToClaim(label string) bool {
	l, ok := LabelNamed(label)
	return ok && l.LinksToClaim
}

// UnknownLabel returns the first label: value of q that is none of
// margin's labels ("disagreement" for disagree), for the message of a
// query that matched nothing: the store keeps an imported highlight's own
// labels, so such a value is no error, but it is most often a slip.
func UnknownLabel(q query.Query) (string, bool) {
	for _, f := range q.Filters {
		if _, ok := LabelNamed(f.Value); f.Kind == query.Label && !ok {
			return f.Value, true
		}
	}
	return "", false
}
