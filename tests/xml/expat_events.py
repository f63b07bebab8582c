# SPDX-License-Identifier: GPL-2.0-or-later
"""Every pyexpat handler once, printed in order: run by Debian's arm64 python3.11 fully emulated
and with libexpat passed through (ExpatTests), the two outputs must be the same.

Covers the handlers with the most arguments (EntityDeclHandler: 9, the most any callback
carries), nested parsers for external entities, a parser reused after an error, ParseFile
(pyexpat's XML_GetBuffer path), buffered text, and the error positions."""
import io
import sys
import xml.parsers.expat as expat

DOC = b"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE root SYSTEM "root.dtd" [
  <!ELEMENT root ANY>
  <!ATTLIST root a CDATA "dflt" b (x|y) #REQUIRED>
  <!ENTITY inline "inline &#233;">
  <!ENTITY % pe "ignored">
  <!ENTITY ext SYSTEM "ext.xml">
  <!NOTATION gif SYSTEM "image/gif">
  <!ENTITY pic SYSTEM "pic.gif" NDATA gif>
]>
<?target some data?>
<root b="y" xmlns:n="urn:n"><!-- a comment --><n:child n:attr="1">text &inline; &amp; more</n:child>
<![CDATA[<raw>]]>&ext;<empty/>\xc3\xa9\xe2\x82\xac</root>
"""

HANDLERS = ["StartElementHandler", "EndElementHandler", "CharacterDataHandler",
            "ProcessingInstructionHandler", "CommentHandler", "StartCdataSectionHandler",
            "EndCdataSectionHandler", "StartDoctypeDeclHandler", "EndDoctypeDeclHandler",
            "EntityDeclHandler", "UnparsedEntityDeclHandler", "NotationDeclHandler",
            "ElementDeclHandler", "AttlistDeclHandler", "XmlDeclHandler",
            "StartNamespaceDeclHandler", "EndNamespaceDeclHandler", "SkippedEntityHandler",
            "DefaultHandlerExpand"]


def parser(events, ns=True):
    p = expat.ParserCreate("utf-8", " " if ns else None)
    for name in HANDLERS:
        setattr(p, name, lambda *a, name=name: events.append((name, a)))

    def external(context, base, system_id, public_id):
        # The context lists the namespace bindings in the order of a hash table whose salt
        # expat draws at random: sorted, it is the same in every run.
        shown = None if context is None else sorted(context.split("\f"))
        events.append(("ExternalEntityRefHandler", (shown, base, system_id, public_id)))
        sub = p.ExternalEntityParserCreate(context)
        for name in HANDLERS:
            setattr(sub, name, lambda *a, name=name: events.append(("ext." + name, a)))
        if context is None:  # the external DTD subset (param entity parsing is on)
            return sub.Parse(b"<!ENTITY fromdtd 'declared in root.dtd'>", True)
        return sub.Parse(b"<ext>external &#x41;</ext>", True)

    p.ExternalEntityRefHandler = external
    p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE)
    return p


def show(title, events):
    print(f"== {title}: {len(events)} events")
    for e in events:
        print(repr(e))


def main():
    # Not expat.features: the host's 2.5.0-1+deb12u5 lists the allocation tracker of its
    # security fixes, the guest's deb12u2 does not (docs/VersionSkew.md).
    print(expat.EXPAT_VERSION, expat.version_info)
    events = []
    p = parser(events)
    p.ordered_attributes = True
    p.specified_attributes = False
    p.Parse(DOC, True)
    show("one Parse", events)

    events = []
    p = parser(events, ns=False)
    for i in range(0, len(DOC), 7):  # byte by byte-ish: handlers across many XML_Parse calls
        p.Parse(DOC[i:i + 7], False)
    p.Parse(b"", True)
    show("chunks of 7 bytes", events)

    events = []
    p = parser(events)
    p.buffer_text = True
    p.buffer_size = 64
    p.ParseFile(io.BytesIO(DOC * 1))
    show("ParseFile, buffer_text", events)

    for bad in [b"<a><b></a>", b"<a>&undefined;</a>", b"<a x='1' x='2'/>", b"\xff\xfe<a/>",
                b"<a>" + b"x" * 100000 + b"</b>"]:
        p = expat.ParserCreate()
        try:
            p.Parse(bad, True)
            print("no error for", bad[:20])
        except expat.ExpatError as e:
            print("error:", e.code, expat.ErrorString(e.code), e.lineno, e.offset,
                  p.ErrorLineNumber, p.ErrorColumnNumber, p.ErrorByteIndex)

    # Many parsers, many elements: allocation through PyObject_Malloc (XML_ParserCreate_MM).
    total = 0
    for n in range(50):
        p = expat.ParserCreate()
        count = [0]
        p.StartElementHandler = lambda name, attrs: count.__setitem__(0, count[0] + 1)
        p.Parse(b"<r>" + b"<e a='1'>t</e>" * (n * 20) + b"</r>", True)
        total += count[0] + p.CurrentLineNumber + p.CurrentByteIndex
    print("many parsers:", total)
    sys.stdout.flush()


main()
