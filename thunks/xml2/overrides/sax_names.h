/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libxml2's SAX2 handlers that default SAX handlers hold (sax_host.c), in one order for both sides. */
#define DLCALL_XML2_SAX_FUNCTIONS(X) \
    X(xmlSAX2InternalSubset) X(xmlSAX2IsStandalone) X(xmlSAX2HasInternalSubset) X(xmlSAX2HasExternalSubset) \
    X(xmlSAX2ResolveEntity) X(xmlSAX2GetEntity) X(xmlSAX2EntityDecl) X(xmlSAX2NotationDecl) \
    X(xmlSAX2AttributeDecl) X(xmlSAX2ElementDecl) X(xmlSAX2UnparsedEntityDecl) X(xmlSAX2SetDocumentLocator) \
    X(xmlSAX2StartDocument) X(xmlSAX2EndDocument) X(xmlSAX2StartElement) X(xmlSAX2EndElement) \
    X(xmlSAX2Reference) X(xmlSAX2Characters) X(xmlSAX2IgnorableWhitespace) X(xmlSAX2ProcessingInstruction) \
    X(xmlSAX2Comment) X(xmlSAX2GetParameterEntity) X(xmlSAX2CDataBlock) X(xmlSAX2ExternalSubset) \
    X(xmlSAX2StartElementNs) X(xmlSAX2EndElementNs)

#define DLCALL_XML2_SAX_FIELDS(X) \
    X(internalSubset) X(isStandalone) X(hasInternalSubset) X(hasExternalSubset) X(resolveEntity) X(getEntity) \
    X(entityDecl) X(notationDecl) X(attributeDecl) X(elementDecl) X(unparsedEntityDecl) X(setDocumentLocator) \
    X(startDocument) X(endDocument) X(startElement) X(endElement) X(reference) X(characters) \
    X(ignorableWhitespace) X(processingInstruction) X(comment) X(getParameterEntity) X(cdataBlock) \
    X(externalSubset) X(startElementNs) X(endElementNs)
