package ui

import "charm.land/bubbles/v2/key"

// KeyMap holds every key binding of the UI, one group per screen. The help
// bar is generated from these groups, never written by hand.
type KeyMap struct {
	Quit    key.Binding // quits from anywhere
	Library LibraryKeys
	Reader  ReaderKeys
	Picker  PickerKeys
	Prompt  PromptKeys
	Confirm ConfirmKeys
	Editor  EditorKeys
	Import  ImportKeys
}

// LibraryKeys are the library screen's bindings.
type LibraryKeys struct {
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding
	Open, Filter, Search, Clear             key.Binding
	Add, Sample, Import, Archive            key.Binding
	Delete, Undo                            key.Binding
	Reload, IDs, Done, Star, Original       key.Binding
	Sort, ShowArchived, Highlights          key.Binding
	Tags, Views, SaveView, Details          key.Binding
	Help, Quit                              key.Binding
}

// ReaderKeys are the reader screen's bindings.
type ReaderKeys struct {
	Down, Up, PageDown, PageUp, HalfDown, HalfUp, Top, Bottom key.Binding
	Wider, Narrower                                           key.Binding
	Search, NextMatch, PrevMatch                              key.Binding
	Outline, Links, Export, Refresh, Help, Back               key.Binding
	Copy, CopyNote, Original                                  key.Binding

	// Cursor, selection and highlights.
	CharNext, CharPrev                             key.Binding
	WordNext, WordPrev, SentenceNext, SentencePrev key.Binding
	ParagraphNext, ParagraphPrev                   key.Binding
	Select, Highlight, Label, Note, Delete, Undo   key.Binding
	ArticleNote                                    key.Binding
	NextHighlight, PrevHighlight, Panel, Link      key.Binding
}

// PickerKeys are the bindings of the lists that open over a screen
// (outline, links, highlights, labels, claims).
type PickerKeys struct {
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding
	Choose, Back, Help                      key.Binding
	// Used by the highlights panel only.
	Filter, Edit, Delete, Undo, Argument, Reattach key.Binding
	// Used by the library's list of all highlights.
	Search key.Binding
}

// PromptKeys are the bindings of a one-line prompt.
type PromptKeys struct {
	Submit, Cancel key.Binding
}

// ConfirmKeys answer a yes/no question.
type ConfirmKeys struct {
	Yes, No key.Binding
}

// ImportKeys answer the library's import (I): go on with the export
// found, or not; stop the import running.
type ImportKeys struct {
	Go, Cancel, Stop key.Binding
}

// EditorKeys are the note editor's bindings.
type EditorKeys struct {
	Save, Cancel key.Binding
	// After a conflict or a deletion elsewhere.
	Theirs, Merge, Restore key.Binding
}

func kb(help, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// DefaultKeyMap returns margin's key bindings.
func DefaultKeyMap() *KeyMap {
	return &KeyMap{
		Quit:    kb("ctrl+c", "quit", "ctrl+c"),
		Library: libraryKeys(),
		Reader:  readerKeys(),
		Picker:  pickerKeys(),
		Prompt: PromptKeys{
			Submit: kb("enter", "ok", "enter"),
			Cancel: kb("esc", "cancel", "esc"),
		},
		Confirm: ConfirmKeys{
			Yes: kb("y", "yes", "y", "Y"),
			No:  kb("n", "no", "n", "N", "esc"),
		},
		Import: ImportKeys{
			Go:     kb("y/enter", "import", "y", "Y", "enter"),
			Cancel: kb("n/esc", "cancel", "n", "N", "esc"),
			Stop:   kb("esc", "stop", "esc"),
		},
		Editor: EditorKeys{
			Save:    kb("ctrl+s", "save", "ctrl+s"),
			Cancel:  kb("esc", "save & close", "esc"),
			Theirs:  kb("ctrl+o", "take theirs", "ctrl+o"),
			Merge:   kb("ctrl+g", "merge both", "ctrl+g"),
			Restore: kb("ctrl+r", "restore highlight", "ctrl+r"),
		},
	}
}

func libraryKeys() LibraryKeys {
	return LibraryKeys{
		Up:           kb("↑/k", "up", "up", "k"),
		Down:         kb("↓/j", "down", "down", "j"),
		Top:          kb("g", "top", "g", "home"),
		Bottom:       kb("G", "bottom", "G", "end"),
		PageUp:       kb("pgup", "page up", "pgup", "ctrl+u", "b"),
		PageDown:     kb("pgdn", "page down", "pgdown", "ctrl+d", "space"),
		Open:         kb("enter", "read", "enter"),
		Filter:       kb("/", "filter", "/"),
		Search:       kb("s", "search text", "s"),
		Clear:        kb("esc", "clear", "esc"),
		Add:          kb("a", "add", "a"),
		Sample:       kb("S", "add sample", "S"),
		Import:       kb("I", "import", "I"),
		Archive:      kb("A", "archive", "A"),
		Delete:       kb("d", "delete", "d"),
		Undo:         kb("u", "undo", "u"),
		Reload:       kb("ctrl+r", "reload", "ctrl+r"),
		IDs:          kb("#", "show ids", "#"),
		Done:         kb("m", "mark done", "m"),
		Star:         kb("*", "star", "*"),
		Sort:         kb("o", "sort", "o"),
		ShowArchived: kb(".", "show archived", "."),
		Highlights:   kb("H", "all highlights", "H"),
		Original:     kb("W", "open original", "W"),
		Tags:         kb("t", "tags", "t"),
		Details:      kb("E", "edit details", "E"),
		Views:        kb("v", "views", "v"),
		SaveView:     kb("V", "save as view", "V"),
		Help:         kb("?", "more keys", "?"),
		Quit:         kb("q", "quit", "q"),
	}
}

func readerKeys() ReaderKeys {
	return ReaderKeys{
		Down:     kb("↓/j", "down", "down", "j"),
		Up:       kb("↑/k", "up", "up", "k"),
		PageDown: kb("space", "page", "space", "pgdown", "f"),
		PageUp:   kb("pgup", "page up", "pgup", "shift+space", "ctrl+b"),
		HalfDown: kb("ctrl+d", "half page down", "ctrl+d"),
		HalfUp:   kb("ctrl+u", "half page up", "ctrl+u"),
		Top:      kb("g", "top", "g", "home"),
		Bottom:   kb("G", "bottom", "G", "end"),
		Wider:    kb("+", "wider", "+", "="),
		Narrower: kb("-", "narrower", "-"),
		Search:   kb("/", "search", "/"),
		// n/N step through matches (shown while a search is active).
		NextMatch: kb("n/N", "next/prev match", "n"),
		PrevMatch: kb("N", "previous match", "N"),
		Outline:   kb("o", "outline", "o"),
		Links:     kb("O", "links", "O"),
		Export:    kb("e", "export notes", "e"),
		Refresh:   kb("r", "refresh article", "r"),
		Copy:      kb("y", "copy quote", "y"),
		CopyNote:  kb("Y", "copy quote+note", "Y"),
		Original:  kb("W", "open original", "W"),
		Help:      kb("?", "keys", "?"),
		Back:      kb("q", "back", "q", "esc"),

		CharNext:      kb("→", "next character", "right"),
		CharPrev:      kb("←", "previous character", "left"),
		WordNext:      kb("w", "next word", "w"),
		WordPrev:      kb("b", "previous word", "b"),
		SentenceNext:  kb(")", "next sentence", ")"),
		SentencePrev:  kb("(", "previous sentence", "("),
		ParagraphNext: kb("}", "next paragraph", "}"),
		ParagraphPrev: kb("{", "previous paragraph", "{"),
		Select:        kb("v", "select", "v"),
		Highlight:     kb("h", "highlight", "h"),
		Label:         kb("L", "label", "L"),
		Note:          kb("a", "note", "a"),
		ArticleNote:   kb("A", "article note", "A"),
		Delete:        kb("x", "delete highlight", "x"),
		Undo:          kb("u", "undo", "u"),
		NextHighlight: kb("]", "next highlight", "]"),
		PrevHighlight: kb("[", "previous highlight", "["),
		Panel:         kb("H", "highlights", "H"),
		Link:          kb("m", "link to claim", "m"),
	}
}

func pickerKeys() PickerKeys {
	return PickerKeys{
		Up:       kb("↑/k", "up", "up", "k"),
		Down:     kb("↓/j", "down", "down", "j"),
		Top:      kb("g", "top", "g", "home"),
		Bottom:   kb("G", "bottom", "G", "end"),
		PageUp:   kb("pgup", "page up", "pgup", "ctrl+u"),
		PageDown: kb("pgdn", "page down", "pgdown", "ctrl+d"),
		Choose:   kb("enter", "choose", "enter"),
		Back:     kb("esc", "close", "esc", "q"),
		Help:     kb("?", "keys", "?"),
		Filter:   kb("l", "filter label", "l"),
		Edit:     kb("n", "edit note", "n"),
		Delete:   kb("x", "delete", "x"),
		Undo:     kb("u", "undo", "u"),
		Argument: kb("a", "argument view", "a"),
		Reattach: kb("r", "re-attach to selection", "r"),
		Search:   kb("/", "find", "/"),
	}
}

// ShortHelp is the library's one-line help.
func (k LibraryKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Filter, k.Search, k.Tags, k.Views, k.Add, k.Import, k.Sample, k.Help, k.Quit}
}

// FullHelp is the library's full help, in columns: every key a binding
// takes is named.
func (k LibraryKeys) FullHelp() [][]key.Binding {
	top, bottom, up, down := k.Top, k.Bottom, k.PageUp, k.PageDown
	top.SetHelp("g/home", "top")
	bottom.SetHelp("G/end", "bottom")
	up.SetHelp("pgup/b", "page up (ctrl+u)")
	down.SetHelp("pgdn/space", "page down (ctrl+d)")
	return [][]key.Binding{
		{k.Up, k.Down, top, bottom, up, down},
		{k.Open, k.Filter, k.Search, k.Clear},
		{k.Add, k.Sample, k.Import, k.Archive, k.Delete, k.Undo, k.Done, k.Star, k.Tags, k.Details},
		{k.Views, k.SaveView, k.Sort, k.ShowArchived, k.IDs, k.Highlights, k.Original, k.Reload, k.Help, k.Quit},
	}
}

// ShortHelp is the reader's one-line help.
func (k ReaderKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.PageDown, k.Search, k.NextMatch, k.Select, k.Highlight, k.Note, k.Panel, k.Outline, k.Help, k.Back}
}

// FullHelp is the reader's full help, in columns.
func (k ReaderKeys) FullHelp() [][]key.Binding {
	// n and N work only after a search, and the short help shows them
	// then; the full help names them always, and the paging keys' others.
	match := k.NextMatch
	match.SetEnabled(true)
	match.SetHelp("n/N", "next/prev match (after /)")
	down, up, top, bottom, back := k.PageDown, k.PageUp, k.Top, k.Bottom, k.Back
	down.SetHelp("space/f/pgdn", "page down")
	up.SetHelp("pgup/ctrl+b", "page up (shift+space)")
	top.SetHelp("g/home", "top")
	bottom.SetHelp("G/end", "bottom")
	back.SetHelp("q/esc", "back")
	wider := k.Wider
	wider.SetHelp("+/=", "wider")
	return [][]key.Binding{
		{k.Down, k.Up, down, up, k.HalfDown, k.HalfUp, top, bottom},
		{k.CharNext, k.CharPrev, k.WordNext, k.WordPrev, k.SentenceNext, k.SentencePrev, k.ParagraphNext, k.ParagraphPrev, k.Select},
		{k.Highlight, k.Label, k.Note, k.ArticleNote, k.Delete, k.Undo, k.NextHighlight, k.PrevHighlight, k.Panel, k.Link, k.Copy, k.CopyNote},
		{k.Search, match, k.Outline, k.Links, k.Original, wider, k.Narrower, k.Export, k.Refresh, k.Help, back},
	}
}

// ShortHelp is a picker's one-line help: the common keys; ? shows the
// rest.
func (k PickerKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Choose, k.Edit, k.Argument, k.Search, k.Help, k.Back}
}

// FullHelp is a picker's full help.
func (k PickerKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown}, {k.Choose, k.Search, k.Filter, k.Edit, k.Delete, k.Undo, k.Reattach, k.Argument, k.Help, k.Back}}
}

// ShortHelp is a prompt's one-line help.
func (k PromptKeys) ShortHelp() []key.Binding { return []key.Binding{k.Submit, k.Cancel} }

// FullHelp is a prompt's full help.
func (k PromptKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// ShortHelp is a confirmation's one-line help.
func (k ConfirmKeys) ShortHelp() []key.Binding { return []key.Binding{k.Yes, k.No} }

// FullHelp is a confirmation's full help.
func (k ConfirmKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// ShortHelp is the note editor's one-line help.
func (k EditorKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Save, k.Theirs, k.Merge, k.Restore, k.Cancel}
}

// FullHelp is the note editor's full help.
func (k EditorKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }
