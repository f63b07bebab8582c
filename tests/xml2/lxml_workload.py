# SPDX-License-Identifier: GPL-2.0-or-later
# A real lxml workload (Debian's python3-lxml ships no tests): parse, walk, XPath, serialize,
# C14N, HTML, validation, XSLT, iterparse. Libxml2Tests runs it emulated and with libxml2 passed through and compares the output.
import io
from lxml import etree, html

doc = etree.fromstring(b"<r xmlns:a='urn:a'>" + b"".join(
    b"<e i='%d' a:k='k%d'>t %d &amp; \xc3\xa9<!-- c --><s>%d</s></e>" % (i, i % 7, i, i * 3) for i in range(3000)) + b"</r>")
print(len(doc), doc[5].text, doc[2999].get("i"), doc[3].get("{urn:a}k"))
print(etree.tostring(doc[3]), sum(int(e.get("i")) for e in doc.iter("e")))
print(doc.xpath("count(//e[@i > 1000])"), doc.xpath("string(//e[42]/s)"), len(doc.xpath("//comment()")))
print(etree.tostring(doc, pretty_print=True)[:300])
print(etree.tostring(doc, method="c14n")[:200])
h = html.fromstring("<html><body><p class=x>one<p>two &amp; <b>three</b></body></html>")
print(html.tostring(h), h.xpath("//p/text()"))

# Each case below stopped or crashed passed through once (docs/Libraries.md, libxml2).
# Parse errors and the error log: lxml saves xmlStructuredError (__xmlStructuredError()) and restores it.
try:
    etree.fromstring(b"<a><b></a>")
except etree.XMLSyntaxError as e:
    print("syntax error:", e, [(x.line, x.type_name) for x in e.error_log])
# DTD, RelaxNG and XML Schema validation with their error logs.
dtd = etree.DTD(io.StringIO("<!ELEMENT a (b)><!ELEMENT b EMPTY>"))
print("dtd:", dtd.validate(etree.XML("<a><c/></a>")), [x.message for x in dtd.error_log])
rng = etree.RelaxNG(etree.XML('<element name="a" xmlns="http://relaxng.org/ns/structure/1.0"><element name="b"><empty/></element></element>'))
print("relaxng:", rng.validate(etree.XML("<a><b/></a>")), rng.validate(etree.XML("<a/>")), len(rng.error_log))
xsd = etree.XMLSchema(etree.XML('<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"><xsd:element name="a" type="xsd:integer"/></xsd:schema>'))
print("xsd:", xsd.validate(etree.XML("<a>5</a>")), xsd.validate(etree.XML("<a>x</a>")), xsd.error_log.last_error.message)
# A parser validating while it parses: xmlSchemaSAXPlug calls the parser's (lxml's) SAX functions.
parser = etree.XMLParser(schema=xsd)
print("schema parser:", etree.tostring(etree.fromstring("<a>7</a>", parser)))
try:
    etree.fromstring("<a>no int</a>", parser)
except etree.XMLSyntaxError as e:
    print("schema parser error:", e)
# XSLT (libxslt stays emulated and calls the stub): its function lookup returns XPath functions
# (xmlXPathRegisterFuncLookup), generate-id() formats with xmlStrPrintf, extension functions.
ns = etree.FunctionNamespace("urn:ext")
ns["twice"] = lambda ctx, s: s * 2
xslt = etree.XSLT(etree.XML('''<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:e="urn:ext" xmlns:str="http://exslt.org/strings" extension-element-prefixes="str">
  <xsl:template match="/"><o n="{count(//*)}" id="{generate-id(/*)}"><xsl:value-of select="e:twice(string(/a/@v))"/>
  <xsl:value-of select="str:padding(3, '-')"/><xsl:message>msg</xsl:message></o></xsl:template></xsl:stylesheet>'''))
out = xslt(etree.XML("<a v='ab'><b/><c/></a>"))
print("xslt:", str(out).replace(out.getroot().get("id"), "ID"), [x.message for x in xslt.error_log])
# iterparse and parser targets: lxml calls the SAX2 functions it finds in the parser context.
for ev, el in etree.iterparse(io.BytesIO(b"<a><b x='1'>t</b><!--c--><?p d?></a>"), events=("start", "end", "comment", "pi")):
    print("iterparse:", ev, el.tag if isinstance(el.tag, str) else el.text)
for ev, el in etree.iterparse(io.BytesIO(b"<html><body><p>x<br></p></body></html>"), html=True):
    print("html iterparse:", ev, el.tag)


class Target:
    def start(self, tag, attrib):
        print("target start", tag, dict(attrib))

    def end(self, tag):
        print("target end", tag)

    def data(self, data):
        print("target data", data)

    def close(self):
        return "closed"


print(etree.fromstring("<r><s a='b'>x</s></r>", etree.XMLParser(target=Target())))
