# SPDX-License-Identifier: GPL-2.0-or-later
# A real lxml workload (Debian's python3-lxml ships no tests): parse, walk, XPath, serialize,
# C14N, HTML. Libxml2Tests runs it emulated and with libxml2 passed through and compares the output.
import io
from lxml import etree, html

doc = etree.fromstring(b"<r xmlns:a='urn:a'>" + b"".join(
    b"<e i='%d' a:k='k%d'>t %d &amp; \xc3\xa9<!-- c --><s>%d</s></e>" % (i, i % 7, i, i * 3) for i in range(3000)) + b"</r>")
print(len(doc), doc[5].text, doc[2999].get("i"), doc[3].get("{urn:a}k"))
print(etree.tostring(doc[3]), sum(int(e.get("i")) for e in doc.iter("e")))
print(doc.xpath("count(//e[@i > 1000])"), doc.xpath("string(//e[42]/s)"), len(doc.xpath("//comment()")))
print(etree.tostring(doc, pretty_print=True)[:300])
print(etree.tostring(doc, method="c14n")[:200])
# Not iterparse or target parsers: lxml then calls the host's SAX2 functions it finds in the parser
# context's sax handler, which guest code cannot run (docs/Libraries.md, libxml2).
h = html.fromstring("<html><body><p class=x>one<p>two &amp; <b>three</b></body></html>")
print(html.tostring(h), h.xpath("//p/text()"))
# Not yet: XSLT, DTD/RelaxNG/XML Schema validation and parse errors: lxml and libxslt read
# xmlStructuredError through __xmlStructuredError(), a pointer to a host function pointer, which
# the stub does not hand out (docs/Libraries.md, libxml2): they stop with dlcall's message.
