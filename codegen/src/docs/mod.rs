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
mod tests;
