"Every hostile string stays text, and every table keeps its columns, through each escaping helper and each renderer."
import re
import mistune
import pytest
from workbench.markup import html_table, markdown_table, md_code, md_escape, md_to_html

HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "a|b", "`x`", "[x](javascript:alert(1))",
           "two\nlines", "back\\slash", "&lt;b&gt;", ""]
permissive = mistune.create_markdown(escape=False, plugins=["table"])  # raw HTML passed through, as a lax viewer would


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("escape", [md_escape, md_code])
@pytest.mark.parametrize("render", [permissive, md_to_html], ids=["permissive", "md_to_html"])
def test_escaped_text_is_inert(text, escape, render):
    page = render(f"before {escape(text)} after")
    assert not re.search(r"<(script|img|a)\b", page), page
    assert "\n" not in escape(text)


@pytest.mark.parametrize("render", [permissive, md_to_html], ids=["permissive", "md_to_html"])
def test_markdown_table_keeps_its_columns(render):
    page = render(markdown_table(("value", "note"), [(s, s) for s in HOSTILE]))
    rows = re.findall(r"<tr>(.*?)</tr>", page, flags=re.S)
    assert len(rows) == len(HOSTILE) + 1 and {len(re.findall(r"<t[hd]>", r)) for r in rows} == {2}
    assert not re.search(r"<(script|img|a)\b", page)


def test_html_table_escapes_every_cell():
    page = html_table(HOSTILE[:2], [HOSTILE[:2], [None, '"q"']])
    assert "<script" not in page and "<img" not in page and "&quot;q&quot;" in page
    assert [r.count("<td>") + r.count("<th>") for r in page.split("</tr>")[:-1]] == [2, 2, 2]


def test_md_to_html_keeps_entities_once():
    assert md_to_html(md_escape("<b>")) == "<p>&lt;b&gt;</p>\n"
