//! AWS model documentation (an HTML fragment) to Markdown for rustdoc.
//!
//! The output is meant to be emitted one `///` line per line and keeps `cargo doc` free of
//! warnings:
//! - text is escaped so it cannot form links (`[` -> `\[`), HTML (`<` -> `&lt;`), emphasis,
//!   headings or list markers by accident (`rustdoc::broken_intra_doc_links`,
//!   `rustdoc::invalid_html_tags`);
//! - bare `http(s)://` URLs become autolinks `<https://...>` (`rustdoc::bare_urls`);
//! - every block is one line without leading whitespace, so nothing becomes an indented
//!   code block; the only indentation is list nesting (the width of the parent markers);
//! - `<pre>` becomes a ```` ```text ```` fence, never a Rust doctest.
//!
//! Text inside code spans and fences is verbatim: `` `dkr.ecr.<region>.amazonaws.com` `` is
//! fine for rustdoc, which does not look for HTML or links in code.
//!
//! Tags: `p`, `para`, `br`, `ul`/`ol`/`li`, `dl`/`dt`/`dd`, `note`, `important`, `fullname`,
//! `title`, `pre`, `code`, `b`/`strong`, `i`/`em`, `a href` (relative links keep their text
//! only). Any other tag that is closed later in the text is dropped, keeping its text; a
//! `<word>` that is never closed is a placeholder (`arn:aws:kms:<region>:...`, common in AWS
//! docs), so it is kept as text rather than swallowed like a browser would.

use std::borrow::Cow;

/// Converts AWS documentation HTML into Markdown: paragraphs on one line each, separated by
/// a blank line, no trailing whitespace, trimmed.
pub fn html_to_markdown(html: &str) -> String {
    let mut writer = Writer::default();
    let mut text_start = 0;
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let lt = at + offset;
        match parse_tag(html, lt) {
            Some((tag, end)) => {
                writer.text(&html[text_start..lt]);
                match tag {
                    Tag::Open(name, attrs) => writer.open(&name, attrs),
                    Tag::Close(name) => writer.close(&name),
                    Tag::Comment => {}
                }
                text_start = end;
                at = end;
            }
            None => at = lt + 1,
        }
    }
    writer.text(&html[text_start..]);
    writer.finish()
}

enum Tag<'a> {
    Open(String, &'a str),
    Close(String),
    Comment,
}

/// Tags with a meaning here, or HTML void tags (never closed, still tags).
#[rustfmt::skip]
const KNOWN_TAGS: &[&str] = &[
    "a", "b", "blockquote", "br", "code", "dd", "div", "dl", "dt", "em", "fullname", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "important", "li", "note", "ol", "p", "para", "pre",
    "strong", "table", "td", "th", "title", "tr", "ul", "wbr",
];

/// Tags that end the current block where they open and close.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "para",
    "div",
    "br",
    "hr",
    "blockquote",
    "table",
    "tr",
    "dl",
    "dd",
];

/// Block tags rendered as a bold paragraph.
const HEADING_TAGS: &[&str] = &[
    "fullname", "title", "dt", "h1", "h2", "h3", "h4", "h5", "h6",
];

/// Parses the tag starting at `html[lt] == '<'`: the tag and the index just past it, or
/// `None` when that `<` is text.
fn parse_tag(html: &str, lt: usize) -> Option<(Tag<'_>, usize)> {
    let rest = &html[lt..];
    if rest.starts_with("<!--") {
        let end = rest.find("-->").map_or(html.len(), |e| lt + e + 3);
        return Some((Tag::Comment, end));
    }
    let (closing, body) = match rest[1..].strip_prefix('/') {
        Some(body) => (true, body),
        None => (false, &rest[1..]),
    };
    if !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name_len = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    let after = &body[name_len..];
    if !after.starts_with(|c: char| c == '>' || c == '/' || c.is_ascii_whitespace()) {
        return None; // `<cluster-id>`, `<a:b>`: not an HTML tag
    }
    let gt = tag_end(after)?;
    let end = html.len() - after.len() + gt + 1;
    let name = body[..name_len].to_ascii_lowercase();
    if closing {
        return Some((Tag::Close(name), end));
    }
    let self_closing = after[..gt].ends_with('/');
    let closed_later = || {
        html[end..]
            .to_ascii_lowercase()
            .contains(&format!("</{name}>"))
    };
    if !KNOWN_TAGS.contains(&name.as_str()) && !self_closing && !closed_later() {
        return None;
    }
    Some((Tag::Open(name, &after[..gt]), end))
}

/// Index of the `>` ending a tag's attribute text, skipping quoted values.
fn tag_end(attrs: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in attrs.char_indices() {
        match (quote, c) {
            (None, '>') => return Some(i),
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if q == c => quote = None,
            _ => {}
        }
    }
    None
}

/// The decoded value of attribute `name` in a tag's attribute text.
fn attribute(mut attrs: &str, name: &str) -> Option<String> {
    loop {
        attrs = attrs.trim_start_matches(|c: char| c.is_whitespace() || c == '/' || c == '=');
        if attrs.is_empty() {
            return None;
        }
        let key_len = attrs.find(|c: char| c.is_whitespace() || c == '=' || c == '/');
        let (key, rest) = attrs.split_at(key_len.unwrap_or(attrs.len()));
        let rest = rest.trim_start();
        let value;
        (value, attrs) = match rest.strip_prefix('=').map(str::trim_start) {
            Some(quoted) if quoted.starts_with(['"', '\'']) => {
                let inner = &quoted[1..];
                let close = inner.find(&quoted[..1]).unwrap_or(inner.len());
                (&inner[..close], inner.get(close + 1..).unwrap_or(""))
            }
            Some(bare) => bare.split_at(bare.find(char::is_whitespace).unwrap_or(bare.len())),
            None => ("", rest),
        };
        if key.eq_ignore_ascii_case(name) {
            return Some(decode_entities(value).into_owned());
        }
    }
}

fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let name_len = rest[1..].find(';').filter(|&n| n <= 10);
        match name_len.and_then(|n| Some((entity(&rest[1..=n])?, n + 2))) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            return char::from_u32(code);
        }
    })
}

/// An open inline element: emphasis or a link, written lazily at its first text so that
/// empty elements vanish and whitespace stays outside the markers.
struct Inline {
    tag: String,
    open: String,
    close: String,
    /// Byte offset of `open` in the current block, once written.
    start: Option<usize>,
}

struct List {
    ordered: bool,
    count: u32,
    /// The open `<li>`: its marker (`- `, `3. `) and whether it has been written.
    item: Option<(String, bool)>,
}

#[derive(Default)]
struct Writer {
    out: String,
    /// Whether the last block written was inside a list item (so the next item is tight).
    in_list: bool,
    /// The current block's inline Markdown.
    line: String,
    /// Collapsed whitespace waiting for the next text.
    space: bool,
    inlines: Vec<Inline>,
    /// Emphasis written in `line`: (opener offset, closer offset, marker length).
    emphasis: Vec<(usize, usize, usize)>,
    lists: Vec<List>,
    /// `**Note:**` waiting for the first block of a `<note>`.
    label: Option<&'static str>,
    code: Option<String>,
    code_depth: usize,
    pre: Option<String>,
}

impl Writer {
    fn open(&mut self, tag: &str, attrs: &str) {
        if let Some(pre) = &mut self.pre {
            if tag == "br" {
                pre.push('\n');
            }
            return;
        }
        match tag {
            _ if BLOCK_TAGS.contains(&tag) => self.flush(),
            _ if HEADING_TAGS.contains(&tag) => {
                self.flush();
                self.push_inline(tag, "**", "**".into());
            }
            "td" | "th" => self.space = true,
            "ul" | "ol" => {
                self.flush();
                self.write_label();
                let ordered = tag == "ol";
                self.lists.push(List {
                    ordered,
                    count: 0,
                    item: None,
                });
            }
            "li" => {
                self.flush();
                if let Some(list) = self.lists.last_mut() {
                    list.count += 1;
                    let marker = if list.ordered {
                        format!("{}. ", list.count)
                    } else {
                        "- ".into()
                    };
                    list.item = Some((marker, false));
                }
            }
            "note" => {
                self.flush();
                self.label = Some("**Note:**");
            }
            "important" => {
                self.flush();
                self.label = Some("**Important:**");
            }
            "pre" => {
                self.flush();
                self.write_label();
                self.pre = Some(String::new());
            }
            "code" => {
                self.code_depth += 1;
                self.code.get_or_insert_default();
            }
            _ if self.code.is_some() => {}
            "b" | "strong" => self.push_inline(tag, "**", "**".into()),
            "i" | "em" => self.push_inline(tag, "*", "*".into()),
            "a" => {
                let href = attribute(attrs, "href").map(|href| href.trim().to_owned());
                let absolute = href.filter(|h| {
                    ["http://", "https://", "mailto:"]
                        .iter()
                        .any(|s| h.starts_with(s))
                });
                match absolute {
                    Some(href) if !self.in_link() => {
                        self.push_inline(tag, "[", format!("]({})", escape_url(&href)))
                    }
                    _ => self.push_inline(tag, "", String::new()),
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, tag: &str) {
        if self.pre.is_some() {
            if tag == "pre" {
                self.end_pre();
            }
            return;
        }
        match tag {
            _ if BLOCK_TAGS.contains(&tag) => self.flush(),
            _ if HEADING_TAGS.contains(&tag) => {
                self.close_inline(tag);
                self.flush();
            }
            "td" | "th" => self.space = true,
            "ul" | "ol" => {
                self.flush();
                self.lists.pop();
            }
            "li" => {
                self.flush();
                if let Some(list) = self.lists.last_mut() {
                    list.item = None;
                }
            }
            "note" | "important" => {
                self.flush();
                self.label = None;
            }
            "code" if self.code_depth > 0 => {
                self.code_depth -= 1;
                if self.code_depth == 0 {
                    self.end_code();
                }
            }
            "b" | "strong" | "i" | "em" | "a" if self.code.is_none() => self.close_inline(tag),
            _ => {}
        }
    }

    fn text(&mut self, raw: &str) {
        let text = decode_entities(raw);
        if let Some(verbatim) = self.pre.as_mut().or(self.code.as_mut()) {
            verbatim.push_str(&text);
            return;
        }
        for (i, word) in text.split(is_space).enumerate() {
            self.space |= i > 0;
            if !word.is_empty() {
                self.word(word);
            }
        }
    }

    fn word(&mut self, mut word: &str) {
        self.begin_text();
        while let Some((start, end)) = (!self.in_link()).then(|| find_url(word)).flatten() {
            self.push_escaped(&word[..start]);
            self.line.push('<');
            self.line.push_str(&word[start..end]);
            self.line.push('>');
            word = &word[end..];
        }
        self.push_escaped(word);
    }

    /// Writes the pending space and the openers of pending inlines before some text.
    fn begin_text(&mut self) {
        if self.space && !self.line.is_empty() {
            self.line.push(' ');
        }
        self.space = false;
        for inline in self.inlines.iter_mut().filter(|i| i.start.is_none()) {
            inline.start = Some(self.line.len());
            self.line.push_str(&inline.open);
        }
    }

    fn push_escaped(&mut self, text: &str) {
        if !text.contains(['\\', '`', '*', '[', ']', '|', '~', '_', '<', '>', '&']) {
            self.line.push_str(text);
            return;
        }
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            match c {
                '\\' | '`' | '*' | '[' | ']' | '|' | '~' => {
                    self.line.push('\\');
                    self.line.push(c);
                }
                // An underscore inside a word (`snake_case`) cannot start or end emphasis.
                '_' if !(self.line.ends_with(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric)) =>
                {
                    self.line.push_str("\\_")
                }
                '<' => self.line.push_str("&lt;"),
                '>' => self.line.push_str("&gt;"),
                '&' if looks_like_entity(&text[i + 1..]) => self.line.push_str("&amp;"),
                _ => self.line.push(c),
            }
        }
    }

    fn in_link(&self) -> bool {
        self.inlines
            .iter()
            .any(|i| i.tag == "a" && !i.open.is_empty())
    }

    fn push_inline(&mut self, tag: &str, open: &str, close: String) {
        let (tag, open) = (tag.to_owned(), open.to_owned());
        self.inlines.push(Inline {
            tag,
            open,
            close,
            start: None,
        });
    }

    /// Closes the innermost open `tag` and any inline misnested inside it: reopening those
    /// would put delimiter runs side by side (`**a*b****c*`), which Markdown misreads.
    fn close_inline(&mut self, tag: &str) {
        let Some(at) = self.inlines.iter().rposition(|i| i.tag == tag) else {
            return;
        };
        let mut closed: Vec<Inline> = self.inlines.drain(at..).collect();
        for inline in closed.iter_mut().rev() {
            self.write_closer(inline);
        }
    }

    fn write_closer(&mut self, inline: &mut Inline) {
        if let Some(start) = inline.start.take() {
            if inline.open.starts_with('*') {
                self.emphasis
                    .push((start, self.line.len(), inline.open.len()));
            }
            self.line.push_str(&inline.close);
        }
    }

    fn end_code(&mut self) {
        let raw = self.code.take().unwrap_or_default();
        let code: Vec<&str> = raw.split(is_space).filter(|w| !w.is_empty()).collect();
        self.space |= raw.starts_with(is_space);
        if !code.is_empty() {
            self.begin_text();
            self.line.push_str(&code_span(&code.join(" ")));
            self.space = raw.ends_with(is_space);
        }
    }

    fn end_pre(&mut self) {
        let raw = self.pre.take().unwrap_or_default().replace('\t', "    ");
        let lines: Vec<&str> = raw.lines().collect();
        let Some(first) = lines.iter().position(|l| !l.trim().is_empty()) else {
            return;
        };
        let last = lines
            .iter()
            .rposition(|l| !l.trim().is_empty())
            .unwrap_or(first);
        let body = &lines[first..=last];
        let indent = |l: &&str| l.len() - l.trim_start_matches(' ').len();
        let dedent = body
            .iter()
            .filter(|l| !l.trim().is_empty())
            .map(indent)
            .min()
            .unwrap_or(0);
        let fence = "`".repeat(longest_run(&raw, '`').max(2) + 1);
        let mut block = vec![format!("{fence}text")];
        for line in body {
            let line: String = line
                .get(dedent..)
                .unwrap_or("")
                .chars()
                .filter(|c| !c.is_control())
                .collect();
            block.push(line.trim_end().to_owned());
        }
        block.push(fence);
        self.write_block(&block);
    }

    /// Ends the current block: closes open inlines (they reopen in the next block) and
    /// writes the line.
    fn flush(&mut self) {
        if self.code.is_some() {
            self.code_depth = 0;
            self.end_code();
        }
        let mut inlines = std::mem::take(&mut self.inlines);
        for inline in inlines.iter_mut().rev() {
            self.write_closer(inline);
        }
        self.inlines = inlines;
        self.space = false;
        let mut line = std::mem::take(&mut self.line);
        drop_unflanked_emphasis(&mut line, std::mem::take(&mut self.emphasis));
        if line.is_empty() {
            return;
        }
        escape_line_start(&mut line);
        if let Some(label) = self.label.take() {
            line.insert_str(0, &format!("{label} "));
        }
        self.write_block(&[line]);
    }

    /// Writes a pending note label as a paragraph of its own, before a list or a fence.
    fn write_label(&mut self) {
        if let Some(label) = self.label.take() {
            self.write_block(&[label.to_owned()]);
        }
    }

    /// Writes a block's lines, prefixed by list markers or by list indentation.
    fn write_block(&mut self, lines: &[String]) {
        let (mut first_prefix, mut indent, mut new_item) = (String::new(), String::new(), false);
        for (marker, written) in self.lists.iter_mut().filter_map(|l| l.item.as_mut()) {
            let width = " ".repeat(marker.len());
            first_prefix.push_str(if *written { &width } else { marker });
            new_item |= !*written;
            *written = true;
            indent.push_str(&width);
        }
        if !self.out.is_empty() {
            self.out.push_str(if new_item && self.in_list {
                "\n"
            } else {
                "\n\n"
            });
        }
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                self.out.push('\n');
            }
            self.out
                .push_str(if i == 0 { &first_prefix } else { &indent });
            self.out.push_str(line);
        }
        self.in_list = !indent.is_empty();
    }

    fn finish(mut self) -> String {
        if self.pre.is_some() {
            self.end_pre();
        }
        self.flush();
        let lines: Vec<&str> = self.out.lines().map(str::trim_end).collect();
        lines.join("\n").trim_end().to_owned()
    }
}

/// Whitespace as a browser collapses it; control characters count as space too.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}

/// Whether text after a `&` would be read as an entity reference (`&amp;lt;` must stay text).
fn looks_like_entity(after_amp: &str) -> bool {
    let name_len = after_amp.find(|c: char| !c.is_ascii_alphanumeric() && c != '#');
    name_len.is_some_and(|n| n > 0 && after_amp[n..].starts_with(';'))
}

/// The first `http(s)://` URL in a word (no whitespace): its byte range, without trailing
/// punctuation that ends the sentence rather than the URL.
fn find_url(word: &str) -> Option<(usize, usize)> {
    word.match_indices(':').find_map(|(colon, _)| {
        let scheme = ["https://", "http://"]
            .into_iter()
            .find(|s| colon + 3 >= s.len() && word[colon + 3 - s.len()..].starts_with(s))?;
        let start = colon + 3 - scheme.len();
        let rest = &word[start..];
        let mut end = rest.find(['<', '>', '"', '\'', '`']).unwrap_or(rest.len());
        while let Some(c) = rest[..end].chars().next_back() {
            let unbalanced = |open, close| {
                c == close && rest[..end].matches(open).count() < rest[..end].matches(close).count()
            };
            if !(".,:;!?*_".contains(c) || unbalanced('(', ')') || unbalanced('[', ']')) {
                break;
            }
            end -= c.len_utf8();
        }
        (end > scheme.len()).then_some((start, start + end))
    })
}

/// A link destination without characters that would end or break `(...)`.
fn escape_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' | '(' | ')' | '<' | '>' | '[' | ']' | '\\' | '`' => {
                out.push_str(&format!("%{:02X}", u32::from(c)))
            }
            c if is_space(c) => {}
            c => out.push(c),
        }
    }
    out
}

fn longest_run(text: &str, c: char) -> usize {
    text.split(|x| x != c).map(str::len).max().unwrap_or(0)
}

/// A Markdown code span; its fence is longer than any backtick run inside.
fn code_span(code: &str) -> String {
    let fence = "`".repeat(longest_run(code, '`') + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{code}{pad}{fence}")
}

/// CommonMark only reads `*`/`**` as emphasis when they flank text the right way
/// (`x**(y)**` stays literal); remove markers that would print as stray asterisks.
fn drop_unflanked_emphasis(line: &mut String, emphasis: Vec<(usize, usize, usize)>) {
    let is_punct = |c: char| {
        c.is_ascii_punctuation() || (!c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace())
    };
    let before = |at: usize| line[..at].chars().next_back();
    let after = |at: usize| line[at..].chars().next();
    let mut cuts = Vec::new();
    for (open, close, len) in emphasis {
        let (prev, next) = (before(open), after(open + len));
        let opens = next.is_some_and(|n| {
            !n.is_whitespace()
                && (!is_punct(n) || prev.is_none_or(|p| p.is_whitespace() || is_punct(p)))
        });
        let (prev, next) = (before(close), after(close + len));
        let closes = prev.is_some_and(|p| {
            !p.is_whitespace()
                && (!is_punct(p) || next.is_none_or(|n| n.is_whitespace() || is_punct(n)))
        });
        if !(opens && closes) {
            cuts.extend([(open, len), (close, len)]);
        }
    }
    cuts.sort_unstable();
    for (at, len) in cuts.into_iter().rev() {
        line.replace_range(at..at + len, "");
    }
}

/// Escapes what would make a line a heading (`#`), a list item (`-`, `+`, `1.`) or a rule.
fn escape_line_start(line: &mut String) {
    if line.starts_with(['#', '-', '+']) {
        line.insert(0, '\\');
        return;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) && line[digits..].starts_with(['.', ')']) {
        line.insert(digits, '\\');
    }
}

#[cfg(test)]
mod tests {
    use super::html_to_markdown as md;

    fn check(cases: &[(&str, &str)]) {
        for (html, want) in cases {
            assert_eq!(md(html), *want, "html: {html:?}");
        }
    }

    #[test]
    fn paragraphs_and_whitespace() {
        check(&[
            ("", ""),
            ("  \n\t ", ""),
            ("plain   text\n   here", "plain text here"),
            ("<p>a</p>\n   <p>\n  b\n  c </p>", "a\n\nb c"),
            ("before<p>inside</p>after", "before\n\ninside\n\nafter"),
            ("<p>one<br>two<br/>three</p>", "one\n\ntwo\n\nthree"),
            ("<p></p><p> </p><p>x</p>", "x"),
            ("<para>DocBook</para><!-- a <b>comment</b> -->", "DocBook"),
        ]);
    }

    #[test]
    fn entities() {
        check(&[
            (
                "a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39; &#x41;&nbsp;e",
                "a &lt;b&gt; & \"c\" 'd' A e",
            ),
            // Decoded text that looks like an entity must not be decoded again by rustdoc.
            ("&amp;lt; &IAM; a&b AT&amp;T", "&amp;lt; &amp;IAM; a&b AT&T"),
            (
                "&bogus &#xZZ; &#1114112;",
                "&bogus &amp;#xZZ; &amp;#1114112;",
            ),
        ]);
    }

    #[test]
    fn markdown_characters_are_escaped() {
        check(&[
            ("[UNDEFINED] a[0]", r"\[UNDEFINED\] a\[0\]"),
            ("2 * 3 *bold* **x**", r"2 \* 3 \*bold\* \*\*x\*\*"),
            (
                "snake_case _em_ a _ b __init__",
                r"snake_case \_em\_ a \_ b \_\_init\_\_",
            ),
            ("`tick` a|b c\\d ~strike~", r"\`tick\` a\|b c\\d \~strike\~"),
            ("x < y > z <= 3 a<-b", "x &lt; y &gt; z &lt;= 3 a&lt;-b"),
        ]);
    }

    #[test]
    fn line_starts_that_markdown_would_interpret() {
        check(&[
            ("<p># h</p><p>- l</p><p>+ p</p>", "\\# h\n\n\\- l\n\n\\+ p"),
            (
                "<p>1. o</p><p>2019) y</p><p>1.5 GB</p>",
                "1\\. o\n\n2019\\) y\n\n1\\.5 GB",
            ),
            ("<p>1234567890. big</p>", "1234567890. big"),
            ("<ul><li>- dash</li></ul>", "- \\- dash"),
        ]);
    }

    #[test]
    fn inline_formatting() {
        check(&[
            (
                "<b>b</b> <strong>s</strong> <i>i</i> <em>e</em>",
                "**b** **s** *i* *e*",
            ),
            ("a<b> spaced </b>b", "a **spaced** b"),
            ("<b></b><i> </i>x", "x"),
            // Markers CommonMark would print literally are dropped.
            ("x<b>(y)</b>z <b>Note:</b>text", "x(y)z Note:text"),
            ("<b><i>both</i></b>", "***both***"),
            ("<b>a<i>b</b>c</i>", "a*b*c"),
            ("<code><b>no</b> *format*</code>", "`no *format*`"),
        ]);
    }

    #[test]
    fn code_spans() {
        check(&[
            (
                "<code>GetItem</code>, <code> a \n b</code>.",
                "`GetItem`, `a b`.",
            ),
            (
                "<code>dkr.ecr.<region>.amazonaws.com</code>",
                "`dkr.ecr.<region>.amazonaws.com`",
            ),
            (
                "<code>[UNDEFINED] &lt;x&gt; *_</code>",
                "`[UNDEFINED] <x> *_`",
            ),
            ("<code>a`b</code> <code>``x</code>", "``a`b`` ``` ``x ```"),
            ("<code></code>x<code>", "x"),
            ("<p><code>unclosed</p><p>next</p>", "`unclosed`\n\nnext"),
        ]);
    }

    #[test]
    fn links() {
        check(&[
            (
                "<a href=\"https://a.com/x.html#y\">the <i>guide</i></a>.",
                "[the *guide*](https://a.com/x.html#y).",
            ),
            (
                "<a href=\" https://a.com/b c(d) \">x [1]</a>",
                r"[x \[1\]](https://a.com/b%20c%28d%29)",
            ),
            (
                "<a href='mailto:a@b.com'>mail</a>",
                "[mail](mailto:a@b.com)",
            ),
            (
                "<a href=\"kms/latest/x.html\">relative</a> <a>Encrypt</a>",
                "relative Encrypt",
            ),
            ("<a href=\"https://a.com\"></a>x", "x"),
            (
                "<a href=\"https://a.com\">https://a.com</a>",
                "[https://a.com](https://a.com)",
            ),
            (
                "<a href=\"https://a.com\">a <a href=\"https://b.com\">b</a> c</a>",
                "[a b c](https://a.com)",
            ),
            ("<a href=\"https://a.com\">open", "[open](https://a.com)"),
        ]);
    }

    #[test]
    fn bare_urls_become_autolinks() {
        check(&[
            ("See https://a.com/x_y.", "See <https://a.com/x_y>."),
            (
                "(http://a.com/b_(c)) and https://a.com/d, e",
                "(<http://a.com/b_(c)>) and <https://a.com/d>, e",
            ),
            (
                "<i>https://a.com/i</i> http:// https://",
                "*<https://a.com/i>* http:// https://",
            ),
            (
                "x=https://a.com/?q=1&amp;r=[2]",
                "x=<https://a.com/?q=1&r=[2]>",
            ),
        ]);
    }

    #[test]
    fn lists() {
        let nested = "<ul><li><p>a</p><ul><li><p>b</p><ol><li>c</li></ol></li></ul><p>more a</p></li><li>d</li></ul>";
        check(&[
            (
                "<ul><li>a</li><li><p>b</p></li></ul><p>after</p>",
                "- a\n- b\n\nafter",
            ),
            ("<ol><li>one</li><li>two</li></ol>", "1. one\n2. two"),
            (nested, "- a\n  - b\n    1. c\n\n  more a\n- d"),
            ("<ul><li>a<li>b</ul>", "- a\n- b"),
            ("<ul><li></li><li><ul><li>x</li></ul></li></ul>", "- - x"),
            ("<li>stray</li></ul></li>x", "stray\n\nx"),
            (
                "<ul><li><b>bold<p>two</p></b></li></ul>",
                "- **bold**\n\n  **two**",
            ),
        ]);
    }

    #[test]
    fn aws_blocks() {
        check(&[
            (
                "<p>a</p><note><p>n1</p><p>n2</p></note><p>b</p>",
                "a\n\n**Note:** n1\n\nn2\n\nb",
            ),
            (
                "<important>i</important><note></note>x",
                "**Important:** i\n\nx",
            ),
            (
                "<ul><li><note>in list</note></li></ul>",
                "- **Note:** in list",
            ),
            ("<note><ul><li>a</li></ul></note>", "**Note:**\n\n- a"),
            (
                "<fullname>Amazon SQS</fullname><p>x</p>",
                "**Amazon SQS**\n\nx",
            ),
            (
                "<title>T</title><dl><dt>Term</dt><dd><p>Def</p></dd></dl>",
                "**T**\n\n**Term**\n\nDef",
            ),
        ]);
    }

    #[test]
    fn pre_becomes_text_fence() {
        let json =
            "<p>Example:</p><pre>\n    {\n      \"a\": [1] # *x*\n    }\n  </pre><p>after</p>";
        check(&[
            (
                json,
                "Example:\n\n```text\n{\n  \"a\": [1] # *x*\n}\n```\n\nafter",
            ),
            (
                "<pre><code>a &lt;b&gt;<br>```</code></pre>",
                "````text\na <b>\n```\n````",
            ),
            (
                "<ul><li><pre>x\n y</pre></li></ul>",
                "- ```text\n  x\n   y\n  ```",
            ),
            ("<note><pre>x</pre></note>", "**Note:**\n\n```text\nx\n```"),
            ("<pre>  </pre>x<pre>unclosed", "x\n\n```text\nunclosed\n```"),
        ]);
    }

    #[test]
    fn unknown_and_broken_tags() {
        check(&[
            (
                "<span class=\"x\">kept</span> <sup>2</sup> <foo/>",
                "kept 2",
            ),
            (
                "arn:aws:kms:<region>:<account-id>:key/<key_id>",
                "arn:aws:kms:&lt;region&gt;:&lt;account-id&gt;:key/&lt;key_id&gt;",
            ),
            ("</p></b></ul>x</li>", "x"),
            ("<p>a <b>b <i>c", "a **b *c***"),
            ("a <b> c", "a **c**"),
            ("<a href=\"x>y", "&lt;a href=\"x&gt;y"),
            ("<P>Upper</P><BR>", "Upper"),
        ]);
    }

    // Real model samples (workspaces-2015-04-08, dynamodb-2012-08-10), verbatim.
    #[test]
    fn workspaces_note_with_bracketed_code() {
        let html = "<p>The name of the user-decoupled WorkSpace.</p>\n         <note>\n            <p>\n               <code>WorkspaceName</code> is required if <code>UserName</code> is\n            <code>[UNDEFINED]</code> for user-decoupled WorkSpaces.\n            <code>WorkspaceName</code> is not applicable if <code>UserName</code> is specified\n            for user-assigned WorkSpaces.</p>\n         </note>";
        let want = "The name of the user-decoupled WorkSpace.\n\n**Note:** `WorkspaceName` is required if `UserName` is `[UNDEFINED]` for user-decoupled WorkSpaces. `WorkspaceName` is not applicable if `UserName` is specified for user-assigned WorkSpaces.";
        assert_eq!(md(html), want);
    }

    #[test]
    fn workspaces_text_with_brackets_and_code() {
        let html = "<p>The user name of the user for the WorkSpace. This user name must exist in the Directory Service directory for the WorkSpace.</p>\n         <p>The username is not case-sensitive, but we recommend matching the case in the Directory Service directory to avoid potential incompatibilities.</p>\n         <p>The reserved keyword, <code>[UNDEFINED]</code>, is used when creating user-decoupled WorkSpaces.</p>";
        let want = "The user name of the user for the WorkSpace. This user name must exist in the Directory Service directory for the WorkSpace.\n\nThe username is not case-sensitive, but we recommend matching the case in the Directory Service directory to avoid potential incompatibilities.\n\nThe reserved keyword, `[UNDEFINED]`, is used when creating user-decoupled WorkSpaces.";
        assert_eq!(md(html), want);
    }

    #[test]
    fn dynamodb_code_with_brackets() {
        let html = "<p>An attribute of type List. For example:</p>\n         <p>\n            <code>\"L\": [ {\"S\": \"Cookies\"} , {\"S\": \"Coffee\"}, {\"N\": \"3.14159\"}]</code>\n         </p>";
        let want = "An attribute of type List. For example:\n\n`\"L\": [ {\"S\": \"Cookies\"} , {\"S\": \"Coffee\"}, {\"N\": \"3.14159\"}]`";
        assert_eq!(md(html), want);
    }

    #[test]
    fn dynamodb_nested_list_with_note_and_link() {
        let html = "<p>The primary key structure for the table. Each <code>KeySchemaElement</code> consists\n            of:</p>\n         <ul>\n            <li>\n               <p>\n                  <code>AttributeName</code> - The name of the attribute.</p>\n            </li>\n            <li>\n               <p>\n                  <code>KeyType</code> - The role of the attribute:</p>\n               <ul>\n                  <li>\n                     <p>\n                        <code>HASH</code> - partition key</p>\n                  </li>\n                  <li>\n                     <p>\n                        <code>RANGE</code> - sort key</p>\n                  </li>\n               </ul>\n               <note>\n                  <p>The partition key of an item is also known as its <i>hash\n                            attribute</i>. The term \"hash attribute\" derives from DynamoDB's\n                        usage of an internal hash function to evenly distribute data items across\n                        partitions, based on their partition key values.</p>\n                  <p>The sort key of an item is also known as its <i>range\n                            attribute</i>. The term \"range attribute\" derives from the way\n                        DynamoDB stores items with the same partition key physically close together,\n                        in sorted order by the sort key value.</p>\n               </note>\n            </li>\n         </ul>\n         <p>For more information about primary keys, see <a href=\"https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DataModel.html#DataModelPrimaryKey\">Primary Key</a> in the <i>Amazon DynamoDB Developer\n            Guide</i>.</p>";
        let want = "The primary key structure for the table. Each `KeySchemaElement` consists of:\n\n- `AttributeName` - The name of the attribute.\n- `KeyType` - The role of the attribute:\n  - `HASH` - partition key\n  - `RANGE` - sort key\n\n  **Note:** The partition key of an item is also known as its *hash attribute*. The term \"hash attribute\" derives from DynamoDB's usage of an internal hash function to evenly distribute data items across partitions, based on their partition key values.\n\n  The sort key of an item is also known as its *range attribute*. The term \"range attribute\" derives from the way DynamoDB stores items with the same partition key physically close together, in sorted order by the sort key value.\n\nFor more information about primary keys, see [Primary Key](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DataModel.html#DataModelPrimaryKey) in the *Amazon DynamoDB Developer Guide*.";
        assert_eq!(md(html), want);
    }

    #[test]
    fn dynamodb_asterisks_in_text() {
        // Excerpt of TransactionInProgressException.
        let html = "<p>\n            Recommended Settings            \n        </p>\n         <p>\n            Assuming <a href=\"https://github.com/aws/aws-sdk-java/blob/fd409dee8ae23fb8953e0bb4dbde65536a7e0514/aws-java-sdk-core/src/main/java/com/amazonaws/retry/PredefinedRetryPolicies.java#L97\">default retry policy</a>, \n            example timeout settings based on the guidelines above are as follows:            \n        </p>\n         <ul>\n            <li>\n               <p>2500-3500 second sleep/delay (500 * 2, exponential backoff)</p>\n            </li>\n            <li>\n               <p>4500-6500 third sleep/delay (500 * 2^2)</p>\n            </li>\n         </ul>";
        let want = "Recommended Settings\n\nAssuming [default retry policy](https://github.com/aws/aws-sdk-java/blob/fd409dee8ae23fb8953e0bb4dbde65536a7e0514/aws-java-sdk-core/src/main/java/com/amazonaws/retry/PredefinedRetryPolicies.java#L97), example timeout settings based on the guidelines above are as follows:\n\n- 2500-3500 second sleep/delay (500 \\* 2, exponential backoff)\n- 4500-6500 third sleep/delay (500 \\* 2^2)";
        assert_eq!(md(html), want);
    }

    const MODELS: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/reference/smithy-models"
    );

    /// Every `smithy.api#documentation` string of a model file (read without a JSON crate).
    fn documentation_strings(json: &str) -> Vec<String> {
        let key = "\"smithy.api#documentation\":";
        let mut docs = Vec::new();
        for (at, _) in json.match_indices(key) {
            let mut chars = json[at + key.len()..]
                .trim_start()
                .strip_prefix('"')
                .unwrap()
                .chars();
            let mut doc = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '\\' => match chars.next().unwrap() {
                        'n' => doc.push('\n'),
                        't' => doc.push('\t'),
                        'r' => doc.push('\r'),
                        'b' => doc.push('\u{8}'),
                        'f' => doc.push('\u{c}'),
                        'u' => {
                            let hex: String = chars.by_ref().take(4).collect();
                            let unit = u16::from_str_radix(&hex, 16).unwrap();
                            let mut units = vec![unit];
                            if (0xD800..0xDC00).contains(&unit) {
                                let low: String = chars.by_ref().skip(2).take(4).collect();
                                units.push(u16::from_str_radix(&low, 16).unwrap());
                            }
                            doc.push_str(&String::from_utf16(&units).unwrap());
                        }
                        escaped => doc.push(escaped),
                    },
                    c => doc.push(c),
                }
            }
            docs.push(doc);
        }
        docs
    }

    /// Checks one output line outside fences: every `[` opens a link to an absolute URL,
    /// every `<` + letter or `/` is an autolink, and code spans are skipped.
    fn check_line(line: &str) -> Result<(), String> {
        let chars: Vec<char> = line.chars().collect();
        let starts = |i: usize, s: &str| chars[i..].iter().copied().take(s.len()).eq(s.chars());
        let (mut i, mut in_link) = (0, false);
        while i < chars.len() {
            match chars[i] {
                '\\' => i += 1,
                '`' => {
                    let run = chars[i..].iter().take_while(|&&c| c == '`').count();
                    let fence: String = "`".repeat(run);
                    let rest: String = chars[i + run..].iter().collect();
                    let close = rest.find(&fence).ok_or("unclosed code span")?;
                    i += run + rest[..close].chars().count() + run - 1;
                }
                '<' if chars
                    .get(i + 1)
                    .is_some_and(|c| c.is_alphabetic() || *c == '/') =>
                {
                    if !starts(i, "<http") {
                        return Err(format!("raw tag at {i}"));
                    }
                    i += chars[i..]
                        .iter()
                        .position(|&c| c == '>')
                        .ok_or("unclosed autolink")?;
                }
                '[' if in_link => return Err(format!("nested [ at {i}")),
                '[' => in_link = true,
                ']' if in_link && (starts(i, "](http") || starts(i, "](mailto:")) => {
                    in_link = false;
                    i += chars[i..]
                        .iter()
                        .position(|&c| c == ')')
                        .ok_or("unclosed link")?;
                }
                ']' => return Err(format!("unescaped ] at {i}")),
                _ => {}
            }
            i += 1;
        }
        if in_link {
            Err("unescaped [".into())
        } else {
            Ok(())
        }
    }

    /// Checks a whole output: line rules, no trailing whitespace, no indentation beyond
    /// the content column of an open list item (which would be an indented code block).
    fn check_markdown(markdown: &str) -> Result<(), String> {
        let (mut fence, mut columns) = (None::<String>, Vec::<usize>::new());
        for line in markdown.lines() {
            let text = line.trim_start();
            let indent = line.len() - text.len();
            if line.ends_with(char::is_whitespace) {
                return Err(format!("trailing whitespace: {line:?}"));
            }
            if let Some(open) = &fence {
                if text == open {
                    fence = None;
                }
                continue;
            }
            if text.is_empty() {
                continue;
            }
            columns.retain(|&c| c <= indent);
            if indent >= 4 && !columns.contains(&indent) {
                return Err(format!("indented code block: {line:?}"));
            }
            let mut content = text;
            while let Some(marker_len) = list_marker(content) {
                columns.push(line.len() - content.len() + marker_len);
                content = &content[marker_len..];
            }
            if content.starts_with("```") {
                fence = Some(content.trim_end_matches("text").to_owned());
                continue;
            }
            check_line(content).map_err(|e| format!("{e}: {line:?}"))?;
        }
        Ok(())
    }

    fn list_marker(text: &str) -> Option<usize> {
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        match () {
            _ if text.starts_with("- ") => Some(2),
            _ if digits > 0 && text[digits..].starts_with(". ") => Some(digits + 2),
            _ => None,
        }
    }

    #[test]
    fn checker_catches_bad_markdown() {
        let bad = [
            "a [b] c",
            "x <b>y</b>",
            "a ] b",
            "para\n\n    code",
            "- a\n\n      b",
            "trailing ",
        ];
        for markdown in bad {
            assert!(check_markdown(markdown).is_err(), "{markdown:?} accepted");
        }
        let good = "[a](https://x) `[c] <d>` <https://e>\n\n- a\n  - b\n    - c\n\n      d\n\n```text\n    x\n```";
        assert_eq!(check_markdown(good), Ok(()));
    }

    /// Converts every documentation string of the official models and checks the output.
    /// Skipped when the reference models are not checked out beside the repository.
    #[test]
    fn every_model_doc_converts_cleanly() {
        let Ok(dir) = std::fs::read_dir(MODELS) else {
            eprintln!("skipped: no models at {MODELS}");
            return;
        };
        let mut docs = Vec::new();
        for entry in dir {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                docs.extend(documentation_strings(
                    &std::fs::read_to_string(path).unwrap(),
                ));
            }
        }
        assert!(docs.len() > 4000, "only {} docs found", docs.len());
        let start = std::time::Instant::now();
        let converted: Vec<String> = docs.iter().map(|d| md(d)).collect();
        let elapsed = start.elapsed();
        for (html, markdown) in docs.iter().zip(&converted) {
            if let Err(e) = check_markdown(markdown) {
                panic!("{e}\nhtml: {html:?}\nmarkdown: {markdown}");
            }
        }
        println!(
            "converted {} docs ({} bytes) in {elapsed:?}",
            docs.len(),
            docs.iter().map(String::len).sum::<usize>()
        );
    }
}
