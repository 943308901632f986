package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strings"

	"margin/internal/query"
	"margin/sanitize"
	"margin/store"
)

// cmdTag adds and removes tags: margin tag ID... +policy -later. Words
// after + are added, after - removed ("-later" is a tag here, not a flag);
// the global flags (--db) are taken wherever they stand.
func cmdTag(e *env, args []string) error {
	var ids []int64
	var add, remove []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if name, val, n, err := globalFlag(args[i:]); err != nil {
			return err
		} else if n > 0 {
			e.setGlobal(name, val)
			i += n - 1
			continue
		}
		switch {
		case strings.HasPrefix(a, "+"):
			add = append(add, a[1:])
		case strings.HasPrefix(a, "-") && len(a) > 1:
			remove = append(remove, a[1:])
		default:
			id, err := articleID(a)
			if err != nil {
				if _, ok := store.CleanTag(a); ok {
					// margin tag 300 policy: a tag without its sign.
					return usageErr("tag: %q is not an id; a tag to add is written +%s, one to remove -%s (margin tag 12 +%s)", sanitize.Line(a), sanitize.Line(a), sanitize.Line(a), sanitize.Line(a))
				}
				return err
			}
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 || len(add)+len(remove) == 0 {
		return usageErr("tag: give article ids and tags to add (+name) or remove (-name)")
	}
	for _, t := range append(append([]string(nil), add...), remove...) {
		if _, ok := store.CleanTag(t); !ok {
			return usageErr("tag: %q: %v", sanitize.Line(t), store.ErrBadTag)
		}
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	if err := e.allArticles(st, ids); err != nil {
		return err
	}
	for _, id := range ids {
		if err := st.TagArticle(e.ctx, id, add, remove); err != nil {
			return articleErr(id, err)
		}
		tags, err := st.ArticleTags(e.ctx, id)
		if err != nil {
			return err
		}
		shown := "no tags"
		if len(tags) > 0 {
			shown = "#" + strings.Join(tags, " #")
		}
		fmt.Fprintf(e.stdout, "%d: %s\n", id, sanitize.Line(shown))
	}
	return nil
}

// cmdTags lists the tags with their counts, or renames, merges or deletes
// one: margin tags [rename OLD NEW | delete NAME].
func cmdTags(e *env, args []string) error {
	fs := e.flags("tags")
	yes := fs.Bool("yes", false, "delete a tag without asking")
	fs.BoolVar(yes, "y", false, "delete a tag without asking")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	switch {
	case len(pos) == 0:
		tags, err := st.Tags(e.ctx)
		if err != nil {
			return err
		}
		if len(tags) == 0 {
			fmt.Fprintln(e.stderr, "no tags yet: margin tag ID +name tags an article")
			return nil
		}
		for _, t := range tags {
			fmt.Fprintf(e.stdout, "%5d  #%s\n", t.Articles, sanitize.Line(t.Name))
		}
		return nil
	case len(pos) == 3 && (pos[0] == "rename" || pos[0] == "merge"):
		n, err := st.RenameTag(e.ctx, pos[1], pos[2])
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("no tag %q (margin tags lists them)", sanitize.Line(pos[1]))
		}
		if err != nil {
			return err
		}
		to := shownTag(pos[2])
		// Onto a tag spelt otherwise (#beta onto #Beta), the tag keeps
		// its own spelling: name it as margin tags will.
		if tags, err := st.Tags(e.ctx); err == nil {
			for _, t := range tags {
				if strings.EqualFold(t.Name, to) {
					to = sanitize.Line(t.Name)
				}
			}
		}
		fmt.Fprintf(e.stdout, "#%s is now #%s (%d article%s)\n", shownTag(pos[1]), to, n, plural(n))
		return nil
	case len(pos) == 2 && pos[0] == "delete":
		// One typo away from rename, and no undo: ask, as rm does.
		if !*yes {
			if ok, err := confirmTagDelete(e, st, pos[1]); err != nil || !ok {
				return err
			}
		}
		n, err := st.DeleteTag(e.ctx, pos[1])
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("no tag %q (margin tags lists them)", sanitize.Line(pos[1]))
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "deleted #%s from %d article%s\n", shownTag(pos[1]), n, plural(n))
		return nil
	}
	return usageErr("tags: margin tags, margin tags rename OLD NEW (onto an existing tag merges them), margin tags delete NAME [--yes] (asks first)")
}

// confirmTagDelete asks before a tag is taken off its articles, naming
// how many and the saved views that use it; false: kept.
func confirmTagDelete(e *env, st *store.Store, name string) (bool, error) {
	t, ok := store.CleanTag(name)
	if !ok {
		return false, usageErr("tags delete: %q: %v", sanitize.Line(name), store.ErrBadTag)
	}
	tags, err := st.Tags(e.ctx)
	if err != nil {
		return false, err
	}
	n := -1
	for _, x := range tags {
		if strings.EqualFold(x.Name, t) {
			n, t = x.Articles, x.Name
		}
	}
	if n < 0 {
		return false, fmt.Errorf("no tag %q (margin tags lists them)", sanitize.Line(name))
	}
	var using []string
	if views, err := st.Views(e.ctx); err == nil {
		for _, v := range views {
			q, err := query.Parse(v.Query)
			if err != nil {
				continue
			}
			for _, f := range q.Filters {
				if f.Kind == query.Tag && strings.EqualFold(f.Value, t) {
					using = append(using, "“"+sanitize.Line(v.Name)+"”")
					break
				}
			}
		}
	}
	fmt.Fprintf(e.stderr, "Delete #%s from %d article%s", sanitize.Line(t), n, plural(n))
	if len(using) > 0 {
		fmt.Fprintf(e.stderr, " (the view%s %s use%s it)", plural(len(using)), strings.Join(using, ", "), map[bool]string{true: "s"}[len(using) == 1])
	}
	fmt.Fprint(e.stderr, "? [y/N] ")
	return askYes(e, bufio.NewReader(e.stdin), "margin tags delete --yes")
}

// askYes reads the answer to a question put on stderr: yes, or no (the
// default, "kept it"). Standard input that ends with no answer (a script,
// a pipe) is an error naming the --yes a script wants: it exited 0 as if
// the deed were done.
func askYes(e *env, in *bufio.Reader, withYes string) (bool, error) {
	line, err := in.ReadString('\n')
	if strings.TrimSpace(line) == "" && err != nil {
		fmt.Fprintln(e.stderr)
		return false, fmt.Errorf("no answer on standard input, so nothing was deleted (%s deletes without asking)", withYes)
	}
	if ans := strings.ToLower(strings.TrimSpace(line)); ans != "y" && ans != "yes" {
		fmt.Fprintln(e.stderr, "kept it")
		return false, nil
	}
	return true, nil
}

// shownTag is a tag as typed, cleaned as the store keeps it (a # typed
// before it, as margin tags shows it, taken off).
func shownTag(typed string) string {
	if t, ok := store.CleanTag(typed); ok {
		return sanitize.Line(t)
	}
	return sanitize.Line(typed)
}

// cmdMark sets how far the reader is: margin mark ID... done|reading|new.
func cmdMark(e *env, args []string) error {
	fs := e.flags("mark")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return usageErr("mark: give article ids and done, reading or new")
	}
	isState := func(s string) bool {
		r := store.Reading(s)
		return r == store.New || r == store.ReadingNow || r == store.Done
	}
	if isState(pos[0]) && !isState(pos[len(pos)-1]) {
		pos = append(pos[1:], pos[0]) // margin mark done 12: the state first reads as well
	}
	r := store.Reading(pos[len(pos)-1])
	if !isState(string(r)) {
		return usageErr("mark: %q is not done, reading or new", sanitize.Line(string(r)))
	}
	ids, err := parseIDs(pos[:len(pos)-1])
	if err != nil {
		return err
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	if err := e.allArticles(st, ids); err != nil {
		return err
	}
	for _, id := range ids {
		if err := st.SetReading(e.ctx, id, r); err != nil {
			return articleErr(id, err)
		}
		fmt.Fprintf(e.stdout, "%d: %s\n", id, r)
	}
	return nil
}

// cmdStar stars (on) or unstars articles.
func cmdStar(on bool) command {
	return func(e *env, args []string) error {
		name := map[bool]string{true: "star", false: "unstar"}[on]
		ids, st, err := e.openWithIDs(e.flags(name), args, "article ids")
		if err != nil {
			return err
		}
		defer st.Close()
		if err := e.allArticles(st, ids); err != nil {
			return err
		}
		for _, id := range ids {
			if _, was, err := st.ArticleFlags(e.ctx, id); err == nil && was == on {
				fmt.Fprintf(e.stdout, "%d %s\n", id, map[bool]string{true: "is starred already", false: "was not starred"}[on])
				continue
			}
			if err := st.SetStarred(e.ctx, id, on); err != nil {
				return articleErr(id, err)
			}
			fmt.Fprintf(e.stdout, "%sred %d\n", name, id)
		}
		return nil
	}
}

// cmdEdit changes an article's metadata; a refresh keeps what was edited.
func cmdEdit(e *env, args []string) error {
	fs := e.flags("edit")
	title := fs.String("title", "", "the title")
	author := fs.String("author", "", "the byline")
	site := fs.String("site", "", "the site's name")
	published := fs.String("published", "", "the publication date, YYYY-MM-DD")
	addr := fs.String("url", "", "the article's address")
	id, err := oneID(fs, args, "one article id and what to change")
	if err != nil {
		return err
	}
	var m store.Metadata
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if given["title"] {
		m.Title = title
	}
	if given["author"] {
		m.Byline = author
	}
	if given["site"] {
		m.SiteName = site
	}
	if given["url"] {
		m.SourceURL = addr
	}
	if given["published"] {
		t, err := store.ParsePublished(*published)
		if err != nil {
			return usageErr("edit: --published %s", sanitize.Line(err.Error()))
		}
		m.Published = &t
	}
	if m == (store.Metadata{}) {
		return usageErr("edit: say what to change: --title, --author, --site, --published or --url")
	}
	if err := m.Check(); err != nil {
		return usageErr("edit: %s", sanitize.Line(err.Error()))
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.EditMetadata(e.ctx, id, m); err != nil {
		return articleErr(id, err)
	}
	fmt.Fprintf(e.stdout, "edited %d (a refresh keeps what you edited)\n", id)
	return nil
}

// cmdView saves, lists and deletes saved views (a name for a query).
func cmdView(e *env, args []string) error {
	fs := e.flags("view")
	ops, rest := splitQuery(args)
	pos, err := parse(fs, rest)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageErr("view: save NAME QUERY, list, or delete NAME")
	}
	verb := pos[0]
	switch {
	case verb == "save" && len(pos) >= 2:
	case verb == "list" && len(pos) == 1 && len(ops) == 0:
	case verb == "delete" && len(pos) == 2 && len(ops) == 0:
	default:
		return usageErr("view: save NAME QUERY, list, or delete NAME")
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	switch verb {
	case "save":
		q := strings.TrimSpace(strings.Join(append(slices.Clone(pos[2:]), ops...), " "))
		if q == "" {
			return usageErr("view save: give the query the view keeps (margin view save %s tag:policy is:new)", sanitize.Line(pos[1]))
		}
		parsed, err := query.Parse(q)
		if err != nil {
			return usageErr("view save: %v", err)
		}
		// A view of that name (without case) is replaced: say what it was.
		old, oldErr := st.FindView(e.ctx, pos[1])
		if err := st.SaveView(e.ctx, pos[1], q); err != nil {
			return err
		}
		n, _ := store.CleanViewName(pos[1])
		replaced := ""
		if oldErr == nil {
			n = old.Name
			if old.Query != q {
				replaced = fmt.Sprintf("; it replaced %q", sanitize.Line(old.Query))
			}
		}
		arts, err := st.ListQuery(e.ctx, parsed, store.ListOptions{})
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "saved view %s: %s (%d article%s now; v in the library shows it%s)\n", sanitize.Line(n), sanitize.Line(q), len(arts), plural(len(arts)), replaced)
	case "list":
		vs, err := st.Views(e.ctx)
		if err != nil {
			return err
		}
		if len(vs) == 0 {
			fmt.Fprintln(e.stderr, "no saved views: margin view save NAME QUERY makes one")
			return nil
		}
		for _, v := range vs {
			q, err := query.Parse(v.Query)
			if err != nil {
				fmt.Fprintf(e.stdout, "%-20s     ?  %s (%v)\n", sanitize.Line(v.Name), sanitize.Line(v.Query), err)
				continue
			}
			arts, err := st.ListQuery(e.ctx, q, store.ListOptions{})
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%-20s %5d  %s\n", sanitize.Line(v.Name), len(arts), sanitize.Line(v.Query))
		}
	case "delete":
		if err := st.DeleteView(e.ctx, pos[1]); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("no view named %q (margin view list shows them)", sanitize.Line(pos[1]))
			}
			return err
		}
		fmt.Fprintf(e.stdout, "deleted view %s (its articles are untouched)\n", sanitize.Line(pos[1]))
	}
	return nil
}
