# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""The content measure's per-element passes compiled over libxml2's nodes (issue 19).

The pure Python passes (:func:`checker.extract.content._measure_columns`) are the reference and
the fallback; :mod:`checker.extract.native` decides which one runs.  Each element's text and
tail are read from its libxml2 node in place: the UTF-8 is decoded code point by code point only
to count what ``len(" ".join(text.split()))`` would count (Python's own white space test), so no
``str`` is built for a text (reading ``.text`` and ``.tail`` through lxml and collapsing them
was a third of the measure).  The walk is over the page index's list of elements, children
before parents by position: no recursion, and every read of a node is of its own fields, its
children's and its next siblings' (bounded by the tree).  Nothing here writes to a node.

Built against one lxml and one libxml2 (their struct layouts): :data:`BUILT_LXML` and
:data:`BUILT_LIBXML` say which, and a module built against others is never used.
"""

from cpython.mem cimport PyMem_Free, PyMem_Malloc, PyMem_Realloc
from cpython.unicode cimport Py_UNICODE_ISSPACE, PyUnicode_DecodeUTF8
from libc.string cimport strcmp, strlen

cimport lxml.includes.etreepublic as cetree
from lxml.includes cimport tree

cdef extern from "libxml/xmlversion.h":
    const char* LIBXML_DOTTED_VERSION

cetree.import_lxml__etree()

BUILT_LXML = cetree.LXML_VERSION_STRING.decode("ascii")
"""The lxml version whose headers this module was compiled with."""
BUILT_LIBXML = LIBXML_DOTTED_VERSION.decode("ascii")
"""The libxml2 version whose headers this module was compiled with."""

# What an element's tag is to the measure (see :func:`configure`).
UNSEEN = 1
BLOCK = 2
LINK = 4  # <a>: a link when it has an href
PARAGRAPH = 8  # <p>, <pre>: a paragraph when it holds enough prose
PARAGRAPH_WITHOUT_BLOCKS = 16  # <div>, <td>: a paragraph when it also holds no block
NOSCRIPT = 32  # unseen unless libxml2 made it the parent of blocks

cdef dict _flags = None
cdef object _holds_blocks = None
cdef object _named_chrome = None
cdef Py_ssize_t _minimum = 0


def configure(dict flags, holds_blocks, named_chrome, Py_ssize_t minimum):
    """The rules the measure applies, given once by :mod:`checker.extract.content` (they are
    defined there, once): each tag's flags, the ``<noscript>`` test, the chrome test of an
    element and its tag, and the prose a paragraph needs."""
    global _flags, _holds_blocks, _named_chrome, _minimum
    _flags, _holds_blocks, _named_chrome, _minimum = flags, holds_blocks, named_chrome, minimum


cdef Py_ssize_t _collapsed(tree.xmlNode* node) noexcept:
    """The collapsed length of the text lxml reads from ``node`` on (its run of text nodes),
    or -1 when it is not valid UTF-8 (lxml would raise: the caller takes the pure path)."""
    cdef Py_ssize_t chars = 0, runs = 0
    cdef bint in_run = False
    cdef const unsigned char* at
    cdef unsigned char lead
    cdef unsigned int point
    cdef int more, k
    while node is not NULL:
        if node.type == tree.XML_TEXT_NODE or node.type == tree.XML_CDATA_SECTION_NODE:
            at = <const unsigned char*> node.content
            if at is not NULL:
                while at[0] != 0:
                    lead = at[0]
                    if lead < 0x80:
                        point = lead
                        more = 0
                    elif lead >= 0xC2 and lead < 0xE0:
                        point = lead & 0x1F
                        more = 1
                    elif lead >= 0xE0 and lead < 0xF0:
                        point = lead & 0x0F
                        more = 2
                    elif lead >= 0xF0 and lead < 0xF5:
                        point = lead & 0x07
                        more = 3
                    else:
                        return -1
                    at += 1
                    for k in range(more):
                        if (at[0] & 0xC0) != 0x80:  # also stops at the terminating NUL
                            return -1
                        point = (point << 6) | (at[0] & 0x3F)
                        at += 1
                    if (
                        point > 0x10FFFF
                        or 0xD800 <= point <= 0xDFFF
                        or (more == 2 and point < 0x800)  # overlong forms: lxml would raise
                        or (more == 3 and point < 0x10000)
                    ):
                        return -1
                    if Py_UNICODE_ISSPACE(<Py_UCS4> point):
                        in_run = False
                    else:
                        chars += 1
                        if not in_run:
                            runs += 1
                            in_run = True
        elif node.type != tree.XML_XINCLUDE_START and node.type != tree.XML_XINCLUDE_END:
            break  # lxml's text stops at the first node that is not text
        node = node.next
    return chars + runs - 1 if runs else 0


cdef class _Columns:
    """The measure's per-element sums as C arrays, freed with the object."""

    cdef Py_ssize_t count
    cdef Py_ssize_t* prose
    cdef Py_ssize_t* tails
    cdef Py_ssize_t* linked
    cdef Py_ssize_t* links
    cdef Py_ssize_t* own_links
    cdef Py_ssize_t* paragraphs
    cdef Py_ssize_t* summed
    cdef Py_ssize_t* parents
    cdef Py_ssize_t* chain
    cdef int* flags
    cdef signed char* unseen
    cdef signed char* has_block
    cdef signed char* is_paragraph
    cdef signed char* known
    cdef void* block

    def __cinit__(self, Py_ssize_t count):
        cdef Py_ssize_t words = 9 * count, i
        self.count = count
        self.block = PyMem_Malloc(words * sizeof(Py_ssize_t) + count * sizeof(int) + 4 * count)
        if self.block is NULL:
            raise MemoryError()
        self.prose = <Py_ssize_t*> self.block
        self.tails = self.prose + count
        self.linked = self.tails + count
        self.links = self.linked + count
        self.own_links = self.links + count
        self.paragraphs = self.own_links + count
        self.summed = self.paragraphs + count
        self.parents = self.summed + count
        self.chain = self.parents + count
        self.flags = <int*> (self.chain + count)
        self.unseen = <signed char*> (self.flags + count)
        self.has_block = self.unseen + count
        self.is_paragraph = self.has_block + count
        self.known = self.is_paragraph + count
        for i in range(words):
            (<Py_ssize_t*> self.block)[i] = 0
        for i in range(count):
            self.flags[i] = 0
        for i in range(3 * count):
            self.unseen[i] = 0
        for i in range(count):
            self.known[i] = -1

    def __dealloc__(self):
        PyMem_Free(self.block)

    cdef list listed(self, Py_ssize_t* column):
        return [column[i] for i in range(self.count)]


cdef bint _holds(_Columns c, list elements, list tags, Py_ssize_t index, Py_ssize_t total) except -1:
    """Whether element ``index`` is furniture or inside it (``_Furniture.holds``): its chain of
    ancestors not judged yet is judged outermost first, each element once."""
    cdef Py_ssize_t length = 0, at = index
    cdef bint inside
    while at >= 0 and c.known[at] < 0:
        c.chain[length] = at
        length += 1
        at = c.parents[at]
    inside = c.known[at] == 1 if at >= 0 else False
    while length:
        length -= 1
        at = c.chain[length]
        if not inside and c.paragraphs[at] * 2 <= total:
            inside = bool(_named_chrome(elements[at], tags[at]))
        c.known[at] = 1 if inside else 0
    return inside


cdef int _add_link(_Columns c, Py_ssize_t i, object element, object own_site) except -1:
    """An ``<a>`` with an href: its prose is linked text, and it is one link (own or not)."""
    href = _attribute(<cetree._Element?> element, b"href", "href")
    if href:
        c.linked[i] += c.prose[i]
        c.prose[i] = 0
        c.links[i] += 1
        if own_site(href):
            c.own_links[i] += 1
    return 0


def measure_columns(list elements, list tags, list parents, own_site):
    """prose, linked, links, own links and paragraphs outside furniture of each element, by
    position: :func:`checker.extract.content._measure_columns`, compiled.  None when a text
    is not valid UTF-8 (the pure passes then read it as lxml does)."""
    cdef Py_ssize_t count = len(elements), i, parent, mine, length
    cdef Py_ssize_t minimum = _minimum, total
    cdef int flag
    cdef cetree._Element element
    cdef tree.xmlNode* node
    if _flags is None:
        raise RuntimeError("checker.extract._walk.configure() was not called")
    if len(tags) != count or len(parents) != count:
        raise ValueError("elements, tags and parents differ in length")
    cdef _Columns c = _Columns(max(count, 1))
    flag_of = _flags.get
    for i in range(count):
        element = <cetree._Element?> elements[i]
        node = element._c_node
        if node is NULL:
            raise ValueError("an element without a node")
        parent = parents[i]
        if i and not 0 <= parent < i:  # page order: a parent comes before its children
            raise ValueError("a parent after its child")
        c.parents[i] = parent if i else -1
        flag = flag_of(tags[i], 0)
        c.flags[i] = flag
        if flag & NOSCRIPT:
            c.unseen[i] = not _holds_blocks(element)
        elif flag & UNSEEN:
            c.unseen[i] = 1
        if not c.unseen[i]:
            length = _collapsed(node.children)
            if length < 0:
                return None
            c.prose[i] = length
        length = _collapsed(node.next)
        if length < 0:
            return None
        c.tails[i] = length
    # children before parents: each element's sums are complete when it is reached
    for i in range(count - 1, 0, -1):
        parent = c.parents[i]
        flag = c.flags[i]
        if c.unseen[i]:
            c.prose[i] = c.linked[i] = c.links[i] = c.own_links[i] = c.paragraphs[i] = 0
            c.prose[parent] += c.tails[i]
            if flag & BLOCK:
                c.has_block[parent] = 1
            continue
        if flag & LINK:
            _add_link(c, i, elements[i], own_site)
        mine = c.prose[i]
        c.prose[parent] += mine + c.tails[i]
        c.linked[parent] += c.linked[i]
        c.links[parent] += c.links[i]
        c.own_links[parent] += c.own_links[i]
        if flag & BLOCK:
            c.has_block[parent] = 1
        if mine >= minimum and (
            flag & PARAGRAPH or (flag & PARAGRAPH_WITHOUT_BLOCKS and not c.has_block[i])
        ):
            c.is_paragraph[i] = 1
            c.paragraphs[i] = mine
            c.paragraphs[parent] += mine
        else:
            c.paragraphs[parent] += c.paragraphs[i]
    if count:
        if c.unseen[0]:
            c.prose[0] = c.linked[0] = c.links[0] = c.own_links[0] = c.paragraphs[0] = 0
        elif c.flags[0] & LINK:
            _add_link(c, 0, elements[0], own_site)
    total = c.paragraphs[0] if count else 0
    # the sums again, without the furniture's paragraphs (the top is never a paragraph)
    for i in range(count - 1, 0, -1):
        if c.unseen[i]:
            c.summed[i] = 0
            continue
        mine = c.summed[i]
        if c.is_paragraph[i] and not _holds(c, elements, tags, i, total):
            mine += c.paragraphs[i]
            c.summed[i] = mine
        c.summed[c.parents[i]] += mine
    if count and c.unseen[0]:
        c.summed[0] = 0
    if not count:
        return ([], [], [], [], [])
    return (
        c.listed(c.prose), c.listed(c.linked), c.listed(c.links), c.listed(c.own_links),
        c.listed(c.summed),
    )


def page_columns(root):
    """The page index's columns of ``root``: its elements in page order (those of
    ``root.iter(etree.Element)``, the same proxies), each one's tag (``.tag``) and its parent's
    position (-1 for ``root``), in one walk over libxml2's nodes.

    :class:`checker.extract.tree.PageIndex` read them through lxml, a proxy and a new string per
    element and per parent look-up: ~0.6 ms of a page's ~10 (issue 19).  The walk is lxml's own
    order (children first, then the next sibling; an entity reference's or a DTD's children are
    not entered), with a growing array of the enclosing element's position per depth: no
    recursion, whatever the nesting."""
    cdef cetree._Element top = <cetree._Element?> root
    cdef cetree._Document doc = top._doc
    cdef tree.xmlNode* start = top._c_node
    cdef tree.xmlNode* node = start
    cdef tree.xmlNode* below
    cdef Py_ssize_t depth = 0, capacity = 64, mine
    cdef Py_ssize_t* enclosing
    cdef Py_ssize_t* grown
    cdef list elements = [], tags = [], parents = []
    if start is NULL:
        raise ValueError("an element without a node")
    enclosing = <Py_ssize_t*> PyMem_Malloc(capacity * sizeof(Py_ssize_t))
    if enclosing is NULL:
        raise MemoryError()
    try:
        enclosing[0] = -1
        while True:
            mine = enclosing[depth]
            if node.type == tree.XML_ELEMENT_NODE:
                mine = len(elements)
                elements.append(cetree.elementFactory(doc, node))
                tags.append(cetree.namespacedName(node))
                parents.append(enclosing[depth])
            below = NULL
            if node.type != tree.XML_ENTITY_REF_NODE and node.type != tree.XML_DTD_NODE:
                below = node.children
            if below is not NULL:
                depth += 1
                if depth == capacity:
                    capacity *= 2
                    grown = <Py_ssize_t*> PyMem_Realloc(enclosing, capacity * sizeof(Py_ssize_t))
                    if grown is NULL:
                        raise MemoryError()
                    enclosing = grown
                enclosing[depth] = mine
                node = below
                continue
            while node is not start and node.next is NULL:
                node = node.parent
                depth -= 1
            if node is start:
                break
            node = node.next
    finally:
        PyMem_Free(enclosing)
    return elements, tags, parents


cdef object _attribute(cetree._Element element, const char* name, object key):
    """``element.get(key)`` (``name`` its UTF-8) from the node's attribute list: the first such
    attribute without a namespace (as libxml2's ``xmlGetNsProp`` finds it), its one text node
    decoded; anything else (several nodes, no content, not valid UTF-8) is asked of lxml itself.
    No method call, no key parsing and no copy of the value per element (issue 19)."""
    cdef tree.xmlAttr* attribute = element._c_node.properties
    cdef tree.xmlNode* value
    while attribute is not NULL:
        if attribute.ns is NULL and strcmp(<const char*> attribute.name, name) == 0:
            value = attribute.children
            if value is NULL:
                return ""
            if (
                value.next is NULL
                and (value.type == tree.XML_TEXT_NODE or value.type == tree.XML_CDATA_SECTION_NODE)
                and value.content is not NULL
            ):
                try:
                    return PyUnicode_DecodeUTF8(
                        <const char*> value.content, strlen(<const char*> value.content), NULL
                    )
                except UnicodeDecodeError:
                    pass
            return element.get(key)
        attribute = attribute.next
    return None


def chrome_attributes(element):
    """``(element.get("role"), element.get("class"), element.get("id"))`` read from its libxml2
    node: what the chrome test of an element reads (``content._named_chrome``), in one call
    instead of three lxml method calls, each parsing its key (issue 19: ~150 elements a page)."""
    cdef cetree._Element checked = <cetree._Element?> element
    if checked._c_node is NULL:
        raise ValueError("an element without a node")
    return (
        _attribute(checked, b"role", "role"),
        _attribute(checked, b"class", "class"),
        _attribute(checked, b"id", "id"),
    )


def class_values(list elements):
    """Each element's ``class`` value (``element.get("class")``, None without one), read from
    its libxml2 node: no method call and no key parsing per element (issue 19)."""
    cdef list values = []
    cdef cetree._Element element
    for item in elements:
        element = <cetree._Element?> item
        if element._c_node is NULL:
            raise ValueError("an element without a node")
        values.append(_attribute(element, b"class", "class"))
    return values
