package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"margin/sanitize"
	"margin/store"
)

// tagsMsg brings the library's tags, for the tag editor's completion.
type tagsMsg struct{ names []string }

// tagEdit reads what was typed in the tag editor against an article's
// tags: a list separated by commas replaces them ("policy, reading
// list"); +tag adds and -tag removes ("+policy -later", also after a
// list). An empty line takes every tag off.
func tagEdit(input string, current []string) (add, remove []string, err error) {
	var list, plus, minus []string
	listed := false
	for _, item := range strings.Split(input, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		toks := strings.Fields(item)
		delta := true
		for _, t := range toks {
			if !strings.HasPrefix(t, "+") && !strings.HasPrefix(t, "-") {
				delta = false
			}
		}
		if !delta {
			list, listed = append(list, item), true
			continue
		}
		for _, t := range toks {
			name := t[1:]
			if _, ok := store.CleanTag(name); !ok {
				return nil, nil, fmt.Errorf("%q: %w", sanitize.Line(t), store.ErrBadTag)
			}
			if t[0] == '+' {
				plus = append(plus, name)
			} else {
				minus = append(minus, name)
			}
		}
	}
	for _, t := range list {
		if _, ok := store.CleanTag(t); !ok {
			return nil, nil, fmt.Errorf("%q: %w", sanitize.Line(t), store.ErrBadTag)
		}
	}
	has := func(set []string, t string) bool {
		c, _ := store.CleanTag(t)
		return slices.ContainsFunc(set, func(s string) bool {
			d, _ := store.CleanTag(s)
			return strings.EqualFold(c, d)
		})
	}
	want := current
	if listed || strings.TrimSpace(strings.ReplaceAll(input, ",", "")) == "" {
		want = list
	}
	want = append(slices.Clone(want), plus...)
	want = slices.DeleteFunc(want, func(t string) bool { return has(minus, t) })
	for _, t := range want {
		if !has(current, t) && !has(add, t) {
			add = append(add, t)
		}
	}
	for _, t := range current {
		if !has(want, t) {
			remove = append(remove, t)
		}
	}
	return add, remove, nil
}

// completeTag completes the tag being typed at the end of s with the
// next of names (after the one already there when Tab is pressed again):
// the part after the last comma, or after the last + or -.
func completeTag(s string, names []string, typed string) (out, prefix string) {
	start := strings.LastIndex(s, ",") + 1
	for start < len(s) && s[start] == ' ' {
		start++
	}
	if k := strings.LastIndexByte(s[start:], ' '); start+k+1 < len(s) && (s[start+k+1] == '+' || s[start+k+1] == '-') {
		start += k + 2
	}
	head, frag := s[:start], s[start:]
	if strings.HasSuffix(head, ",") {
		head += " "
	}
	// On a second Tab the fragment is a completion: go on from what was
	// typed before the first.
	prefix = frag
	if typed != "" && slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, frag) }) {
		prefix = typed
	}
	var cands []string
	for _, n := range names {
		if strings.HasPrefix(strings.ToLower(n), strings.ToLower(prefix)) {
			cands = append(cands, n)
		}
	}
	if len(cands) == 0 {
		return s, prefix
	}
	next := cands[0]
	if i := slices.IndexFunc(cands, func(n string) bool { return strings.EqualFold(n, frag) }); i >= 0 {
		next = cands[(i+1)%len(cands)]
	}
	return head + next, prefix
}

// loadTags reads the library's tags for completion, in a command.
func (l *libraryModel) loadTags() tea.Cmd {
	lib, ctx := l.Lib, l.ctx
	return func() tea.Msg {
		ts, err := lib.Tags(ctx)
		if err != nil {
			return errMsg{"Could not read the tags: " + err.Error()}
		}
		names := make([]string, len(ts))
		for i, t := range ts {
			names[i] = t.Name
		}
		return tagsMsg{names: names}
	}
}

// editTags opens the tag editor on the selected article.
func (l *libraryModel) editTags() tea.Cmd {
	a := l.selected()
	if a == nil {
		return nil
	}
	l.tagging, l.tagTyped = a.ID, ""
	l.mode = libTags
	l.prompt = newPrompt(l.Common, "tags:", "policy, later  ·  +tag -tag  ·  tab completes")
	v := strings.Join(a.Tags, ", ")
	if v != "" {
		v += ", "
	}
	if l.tagDraftID == a.ID && l.tagDraft != "" {
		v = l.tagDraft // what was typed last time and not saved
	}
	l.tagDraft, l.tagDraftID = "", 0
	l.prompt.SetValue(v)
	return l.loadTags()
}

// onTagKey completes a tag on Tab; other keys are typing.
func (l *libraryModel) onTagKey(msg tea.KeyPressMsg) tea.Cmd {
	if msg.String() != "tab" {
		l.tagTyped = ""
		return l.onPromptInput(msg)
	}
	out, prefix := completeTag(l.prompt.Value(), l.tagNames, l.tagTyped)
	l.tagTyped = prefix
	l.prompt.SetValue(out)
	return nil
}

// saveTags applies what the tag editor holds to the article it was
// opened on.
func (l *libraryModel) saveTags(v string) tea.Cmd {
	id := l.tagging
	var a *store.Article
	for i := range l.arts {
		if l.arts[i].ID == id {
			c := l.arts[i].article()
			a = &c
		}
	}
	if a == nil {
		if s := l.selected(); s != nil && s.ID == id {
			a = s
		} else {
			return nil
		}
	}
	add, remove, err := tagEdit(v, a.Tags)
	if err != nil {
		l.tagDraft, l.tagDraftID = v, id
		l.errLine = "Tags not changed" + keepsTyped + ": " + err.Error()
		return nil
	}
	if len(add) == 0 && len(remove) == 0 {
		l.status = "Tags unchanged."
		return nil
	}
	title := a.Title
	// Kept until the save is done: a failed save loses no typing.
	l.tagDraft, l.tagDraftID = v, id
	return l.write(func(ctx context.Context, lib Library) (func(l *libraryModel) tea.Cmd, error) {
		if err := lib.TagArticle(ctx, id, add, remove); err != nil {
			return nil, fmt.Errorf("tag%s: %w", keepsTyped, err)
		}
		return func(l *libraryModel) tea.Cmd {
			if l.tagDraftID == id {
				l.tagDraft, l.tagDraftID = "", 0
			}
			var parts []string
			for _, t := range add {
				parts = append(parts, "+"+t)
			}
			for _, t := range remove {
				parts = append(parts, "-"+t)
			}
			l.status = "“" + sanitize.Line(title) + "”: " + sanitize.Line(strings.Join(parts, " "))
			return l.reload()
		}, nil
	})
}

// keepsTyped, in the error of a tag edit that was not saved, says the
// typing is kept (before the cause, which a narrow screen cuts).
const keepsTyped = " (t brings them back)"

// tagLine is an article's tags as a row shows them: "#policy #later".
func tagLine(tags []string) string {
	var b strings.Builder
	for i, t := range tags {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("#" + sanitize.Line(t))
	}
	return b.String()
}
