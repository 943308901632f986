package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"margin/store"
)

// The reader never calls the library inside Update: each call runs in a
// command (an op) that also reads the article's highlights afterwards, and
// its result comes back as an opMsg. While an op is out, keys that act on
// highlights wait (like keys during a preview) and are replayed in order
// when it is back, so they act on its result; scrolling goes on. A busy
// library (another margin writing) is retried until it frees up, with the
// wait shown; nothing asked for is dropped.

// opTimeout bounds one try of an op; busyRetry is the pause before the
// next try when the library was busy.
const (
	opTimeout = 8 * time.Second
	busyRetry = time.Second
)

// op is a library call the reader is waiting for.
type op struct {
	what    string // "save the highlight": for messages
	fn      func(ctx context.Context, lib Library) (any, error)
	then    func(p *pagerModel, val any, err error) tea.Cmd
	article int64 // whose highlights to read afterwards; 0 for none
	// The try in flight: done is closed once fn has returned val and err,
	// so that settle waits for it rather than running fn a second time.
	done chan struct{}
	val  any
	err  error
}

type (
	opMsg struct {
		id    int
		val   any
		err   error
		hs    []store.Highlight
		hsErr error
		read  bool // hs was read
	}
	retryMsg struct{ id int }
)

// do starts an op: fn runs in a command with the library; then runs in
// Update with its result, after the highlights shown were refreshed.
func (p *pagerModel) do(what string, fn func(ctx context.Context, lib Library) (any, error), then func(p *pagerModel, val any, err error) tea.Cmd) tea.Cmd {
	p.opSeq++
	o := &op{what: what, fn: fn, then: then}
	if p.art != nil {
		o.article = p.art.ID
	}
	if p.ops == nil {
		p.ops = make(map[int]*op)
	}
	p.ops[p.opSeq] = o
	return p.runOp(p.opSeq, o)
}

func (p *pagerModel) runOp(id int, o *op) tea.Cmd {
	lib, ctx := p.Lib, p.ctx
	done := make(chan struct{})
	o.done = done
	return func() tea.Msg {
		c, cancel := context.WithTimeout(ctx, opTimeout)
		defer cancel()
		m := opMsg{id: id}
		m.val, m.err = o.fn(c, lib)
		o.val, o.err = m.val, m.err
		close(done)
		if o.article != 0 {
			m.hs, m.hsErr = lib.Highlights(c, o.article)
			m.read = true
		}
		return m
	}
}

// onOp applies an op's result, or waits and tries again when the library
// was busy.
func (p *pagerModel) onOp(msg opMsg) tea.Cmd {
	o := p.ops[msg.id]
	if o == nil {
		return nil
	}
	if errors.Is(msg.err, store.ErrBusy) && p.ctx.Err() == nil {
		p.status = "The library is busy (another margin is writing): waiting to " + o.what + "…"
		id := msg.id
		return p.tick(busyRetry, func(time.Time) tea.Msg { return retryMsg{id} })
	}
	delete(p.ops, msg.id)
	if msg.read && p.art != nil && p.art.ID == o.article {
		if msg.hsErr != nil {
			p.errLine = "Could not read highlights: " + msg.hsErr.Error()
		} else {
			p.hl.setList(p, msg.hs)
		}
	}
	cmd := p.withHL(o.then(p, msg.val, msg.err))
	if len(p.ops) == 0 && (p.doc == nil || !p.doc.Window) {
		cmd = tea.Batch(cmd, p.replay())
	}
	return cmd
}

func (p *pagerModel) onRetry(msg retryMsg) tea.Cmd {
	if o := p.ops[msg.id]; o != nil {
		return p.runOp(msg.id, o)
	}
	return nil
}

// waits reports whether a message must wait for the ops out: keys that
// act on highlights or leave, not scrolling or typing in the editor.
func (p *pagerModel) waits(msg tea.Msg) bool {
	if p.art != nil && p.text == nil {
		// The text is still being parsed: keys wait for it, but for
		// scrolling the screen shown (at 200,000 words the parse takes
		// half a second after the first screen). Behind a waiting key a
		// scroll waits too, to keep the order.
		switch k := msg.(type) {
		case tea.KeyPressMsg:
			return p.doc == nil || p.mode != readNormal || len(p.deferred) > 0 || !p.scrollKey(k)
		case tea.MouseMsg, tea.PasteMsg:
			return true
		}
		return false
	}
	if p.finding {
		// A search is under way: the keys after enter act on its answer.
		switch msg.(type) {
		case tea.KeyPressMsg, tea.MouseMsg, tea.PasteMsg:
			return true
		}
	}
	if len(p.ops) == 0 {
		return false
	}
	if len(p.deferred) > 0 {
		// A key already waits: what follows is meant to come after it
		// (the note typed after a, the choice after L), scrolling too.
		switch msg.(type) {
		case tea.KeyPressMsg, tea.MouseMsg, tea.PasteMsg:
			return true
		}
	}
	if ed := p.hl.editor; p.mode == readEditor && ed != nil && ed.closing {
		// esc was pressed: what follows is for the reader the editor
		// closes to, not typing.
		switch msg.(type) {
		case tea.KeyPressMsg, tea.MouseMsg, tea.PasteMsg:
			return true
		}
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		_, click := msg.(tea.MouseClickMsg)
		return click
	}
	switch p.mode {
	case readEditor:
		e := p.Keys.Editor
		return key.Matches(k, e.Save, e.Cancel, e.Theirs, e.Merge, e.Restore)
	case readNormal:
		return !p.scrollKey(k)
	}
	return true
}

// scrollKey reports whether a key only moves the screen (or shows the
// help): it needs neither the text nor the ops out. g and G need the
// whole rendering, not a window of it.
func (p *pagerModel) scrollKey(k tea.KeyPressMsg) bool {
	r := p.keys
	if key.Matches(k, r.Top, r.Bottom) {
		return p.doc != nil && !p.doc.Window
	}
	return key.Matches(k, r.Down, r.Up, r.PageDown, r.PageUp, r.HalfDown, r.HalfUp, r.Help)
}

// settle runs the ops still out once the program has ended (within ctx),
// so that what the reader asked for is saved; it returns the ones that
// could not be.
func (p *pagerModel) settle(ctx context.Context) error {
	var failed []string
	for id := 1; id <= p.opSeq; id++ {
		o := p.ops[id]
		if o == nil {
			continue
		}
		delete(p.ops, id)
		val, err := o.wait(ctx)
		if errors.Is(err, store.ErrBusy) {
			// No try in flight, or the last one found the library busy.
			val, err = o.fn(ctx, p.Lib)
		}
		if err != nil {
			failed = append(failed, fmt.Sprintf("could not %s: %v", o.what, err))
			continue
		}
		o.then(p, val, nil)
		p.applyHL()
	}
	if len(failed) > 0 {
		return errors.New(failed[0])
	}
	return nil
}

// wait waits for the try in flight, if any, and returns what it came to:
// an op whose command is still running when the program ends must not run
// twice (a highlight saved twice). Without one, or past ctx, it says so
// with ErrBusy, and settle runs the op itself.
func (o *op) wait(ctx context.Context) (any, error) {
	if o.done == nil {
		return nil, store.ErrBusy
	}
	select {
	case <-o.done:
		return o.val, o.err
	case <-ctx.Done():
		return nil, fmt.Errorf("still waiting for the library: %w", ctx.Err())
	}
}
