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
    let json = "<p>Example:</p><pre>\n    {\n      \"a\": [1] # *x*\n    }\n  </pre><p>after</p>";
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
