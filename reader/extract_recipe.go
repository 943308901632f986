package reader

import (
	"strings"

	"margin/sanitize"
)

// recipeAfter returns a schema.org Recipe's ingredients and steps, to be
// put after the extracted text, when that text is the post around the
// recipe but lacks most of them: food blogs set the recipe in a card of
// its own (a plugin's list of steps), which go-readability leaves out
// beside the story it picks. recipeFallback covers the pages whose text
// is shorter than the recipe; this one those whose text is longer. The
// recipe is set as lists (recipeMarkdown).
func recipeAfter(text string, info *pageInfo) (md, txt string, ok bool) {
	steps := strings.TrimSpace(noSoftHyphens(sanitize.Text(info.recipe.steps())))
	if steps == "" || bodyIsHTML(steps) || CountWords(steps) < 30 {
		return "", "", false
	}
	if CountWords(text) < CountWords(info.recipe.all()) || !bodyMissing(steps, text) {
		return "", "", false
	}
	// A story that lists the ingredients itself gets the steps alone.
	r := info.recipe
	if !bodyMissing(strings.Join(r.ingredients, "\n"), text) {
		r.ingredients = nil
	}
	md, txt = recipeMarkdown(r, false)
	return md, txt, txt != ""
}
