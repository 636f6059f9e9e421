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


cdef list _values(list elements, const char* name, object key):
    """Each element's ``key`` attribute (``element.get(key)``, None without one; ``name`` its
    UTF-8), read from its libxml2 node: no method call and no key parsing per element."""
    cdef list values = []
    cdef cetree._Element element
    for item in elements:
        element = <cetree._Element?> item
        if element._c_node is NULL:
            raise ValueError("an element without a node")
        values.append(_attribute(element, name, key))
    return values


def class_values(list elements):
    """Each element's ``class`` value (``element.get("class")``, None without one), read from
    its libxml2 node: no method call and no key parsing per element (issue 19)."""
    return _values(elements, b"class", "class")


def itemprop_values(list elements):
    """Each element's ``itemprop`` value (None without one), read as :func:`class_values` reads
    ``class``: the page's values, which an XPath over the whole page gathered at ~0.3 M
    instructions a page (issue 19)."""
    return _values(elements, b"itemprop", "itemprop")


# -- the page's text before the parse ----------------------------------------------------------
# A page reaches extraction as a ``str`` and is parsed as UTF-8 bytes (``tree.parse_html``).
# CPython encodes a str of two- or four-byte characters one character at a time (~10
# instructions each; 161 of the 200 real pages hold such characters) and searches a short
# needle by testing its last character at every third or so position: on a 151 K-character
# page the encode was ~1.5 M instructions and one ``"{{<" in page`` ~0.5 M (issue 19).  Here
# both read the string's characters in blocks of 16 that the compiler turns into vector
# operations: a block that is all ASCII is copied as it is; a block without the needle's first
# character is passed over.

cdef extern from *:
    """
    #include <stdint.h>
    #include <string.h>
    #if defined(__SSE2__)
    #include <emmintrin.h>
    #endif

    /* One character as UTF-8 at out; NULL for a surrogate (no UTF-8 form). */
    static inline char* citecheck_put(char* out, uint32_t c) {
        if (c < 0x80) {
            *out++ = (char) c;
        } else if (c < 0x800) {
            *out++ = (char) (0xC0 | (c >> 6));
            *out++ = (char) (0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            if (c - 0xD800u < 0x800u) return NULL;
            *out++ = (char) (0xE0 | (c >> 12));
            *out++ = (char) (0x80 | ((c >> 6) & 0x3F));
            *out++ = (char) (0x80 | (c & 0x3F));
        } else {
            *out++ = (char) (0xF0 | (c >> 18));
            *out++ = (char) (0x80 | ((c >> 12) & 0x3F));
            *out++ = (char) (0x80 | ((c >> 6) & 0x3F));
            *out++ = (char) (0x80 | (c & 0x3F));
        }
        return out;
    }

    /* How many of the 16 characters from s (kind 1, 2 or 4) are ASCII in a row from the
       first: 16 for a block of ASCII, whose bytes are then written at out. */
    static inline __attribute__((always_inline)) int citecheck_ascii_block(const void* s, int kind, char* out) {
    #if defined(__SSE2__)
        if (kind == 1) {
            __m128i a = _mm_loadu_si128((const __m128i*) s);
            if (_mm_movemask_epi8(a)) return 0;
            _mm_storeu_si128((__m128i*) out, a);
            return 16;
        }
        if (kind == 2) {
            __m128i a = _mm_loadu_si128((const __m128i*) s);
            __m128i b = _mm_loadu_si128((const __m128i*) s + 1);
            __m128i high = _mm_and_si128(_mm_or_si128(a, b), _mm_set1_epi16((short) 0xFF80));
            if (_mm_movemask_epi8(_mm_cmpeq_epi16(high, _mm_setzero_si128())) != 0xFFFF) return 0;
            _mm_storeu_si128((__m128i*) out, _mm_packus_epi16(a, b));
            return 16;
        }
        {
            const __m128i* w = (const __m128i*) s;
            __m128i a = _mm_loadu_si128(w), b = _mm_loadu_si128(w + 1);
            __m128i c = _mm_loadu_si128(w + 2), d = _mm_loadu_si128(w + 3);
            __m128i any = _mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d));
            __m128i high = _mm_and_si128(any, _mm_set1_epi32((int) 0xFFFFFF80u));
            if (_mm_movemask_epi8(_mm_cmpeq_epi32(high, _mm_setzero_si128())) != 0xFFFF) return 0;
            __m128i low = _mm_packs_epi32(a, b), high_half = _mm_packs_epi32(c, d);
            _mm_storeu_si128((__m128i*) out, _mm_packus_epi16(low, high_half));
            return 16;
        }
    #else
        (void) s; (void) kind; (void) out;
        return 0;
    #endif
    }

    static inline __attribute__((always_inline)) uint32_t citecheck_at(const void* s, int kind, Py_ssize_t i) {
        return kind == 1 ? ((const Py_UCS1*) s)[i]
             : kind == 2 ? ((const Py_UCS2*) s)[i] : ((const Py_UCS4*) s)[i];
    }

    /* The n characters of s (kind 1, 2 or 4) as UTF-8 at out, which holds 4 bytes a
       character; the end written, or NULL at a surrogate.  Inlined into one function per kind
       (below), so that each test of the kind is decided at compile time. */
    static inline __attribute__((always_inline))
    char* citecheck_utf8_of(const void* s, int kind, Py_ssize_t n, char* out) {
        Py_ssize_t i = 0;
        while (i < n) {
            if (i + 16 <= n && citecheck_ascii_block((const char*) s + i * kind, kind, out)) {
                i += 16;
                out += 16;
                continue;
            }
            Py_ssize_t stop = i + 16 < n ? i + 16 : n;
            for (; i < stop; i++) {
                out = citecheck_put(out, citecheck_at(s, kind, i));
                if (out == NULL) return NULL;
            }
        }
        return out;
    }

    /* Where the 16 characters from s hold c: bit kind * i (and the kind - 1 bits above it)
       is set for character i that is c; 0 for a block without it, which is passed over. */
    static inline __attribute__((always_inline))
    uint64_t citecheck_where(const void* s, int kind, uint32_t c) {
    #if defined(__SSE2__)
        const __m128i* w = (const __m128i*) s;
        if (kind == 1) {
            return (uint32_t) _mm_movemask_epi8(
                _mm_cmpeq_epi8(_mm_loadu_si128(w), _mm_set1_epi8((char) c)));
        }
        if (kind == 2) {
            __m128i wanted = _mm_set1_epi16((short) c);
            uint64_t low = (uint32_t) _mm_movemask_epi8(_mm_cmpeq_epi16(_mm_loadu_si128(w), wanted));
            uint64_t high = (uint32_t) _mm_movemask_epi8(
                _mm_cmpeq_epi16(_mm_loadu_si128(w + 1), wanted));
            return low | high << 16;
        }
        {
            __m128i wanted = _mm_set1_epi32((int) c);
            uint64_t found = 0;
            for (int k = 0; k < 4; k++) {
                found |= (uint64_t) (uint32_t) _mm_movemask_epi8(
                    _mm_cmpeq_epi32(_mm_loadu_si128(w + k), wanted)) << (16 * k);
            }
            return found;
        }
    #else
        (void) s; (void) c;
        return kind == 4 ? ~(uint64_t) 0 : ((uint64_t) 1 << (16 * kind)) - 1;  /* every one */
    #endif
    }

    static inline __attribute__((always_inline))
    int citecheck_starts(const void* s, int kind, Py_ssize_t at, const char* needle, Py_ssize_t m) {
        Py_ssize_t k = 0;
        while (k < m && citecheck_at(s, kind, at + k) == (unsigned char) needle[k]) k++;
        return k == m;
    }

    /* Whether the m > 0 ASCII characters of needle are in the n characters of s (inlined
       per kind, as citecheck_utf8_of).  64 characters are tested at a time for the first;
       in a block that holds it, only the places that do are compared further. */
    static inline __attribute__((always_inline))
    int citecheck_holds_of(const void* s, int kind, Py_ssize_t n,
                           const char* needle, Py_ssize_t m) {
        Py_ssize_t last = n - m, i = 0;
        uint32_t first = (unsigned char) needle[0];
        for (; i + 64 <= n && i <= last; i += 64) {
            const char* block = (const char*) s + i * kind;
            uint64_t where[4];
            for (int b = 0; b < 4; b++) where[b] = citecheck_where(block + 16 * b * kind, kind, first);
            if (!(where[0] | where[1] | where[2] | where[3])) continue;
            for (int b = 0; b < 4; b++) {
                while (where[b]) {
                    Py_ssize_t at = i + 16 * b + __builtin_ctzll(where[b]) / kind;
                    where[b] &= ~((((uint64_t) 1 << kind) - 1) << ((at - i - 16 * b) * kind));
                    if (at <= last && citecheck_starts(s, kind, at, needle, m)) return 1;
                }
            }
        }
        for (; i <= last; i++) {
            if (citecheck_starts(s, kind, i, needle, m)) return 1;
        }
        return 0;
    }

    static char* citecheck_utf8(const void* s, int kind, Py_ssize_t n, char* out) {
        return kind == 1 ? citecheck_utf8_of(s, 1, n, out)
             : kind == 2 ? citecheck_utf8_of(s, 2, n, out) : citecheck_utf8_of(s, 4, n, out);
    }

    static int citecheck_holds(const void* s, int kind, Py_ssize_t n,
                               const char* needle, Py_ssize_t m) {
        return kind == 1 ? citecheck_holds_of(s, 1, n, needle, m)
             : kind == 2 ? citecheck_holds_of(s, 2, n, needle, m)
             : citecheck_holds_of(s, 4, n, needle, m);
    }
    """
    char* citecheck_utf8(const void* s, int kind, Py_ssize_t n, char* out) noexcept nogil
    int citecheck_holds(const void* s, int kind, Py_ssize_t n, const char* needle, Py_ssize_t m) noexcept nogil

cdef extern from "Python.h":
    ctypedef struct PyObject
    PyObject* _new_bytes "PyBytes_FromStringAndSize"(const char* data, Py_ssize_t size) except NULL
    char* _bytes_of "PyBytes_AS_STRING"(PyObject* data)
    int _PyBytes_Resize(PyObject** data, Py_ssize_t size) except -1
    void _drop "Py_DECREF"(PyObject* data)
    int PyUnicode_READY(object text) except -1
    int PyUnicode_KIND(object text)
    void* PyUnicode_DATA(object text)
    Py_ssize_t PyUnicode_GET_LENGTH(object text)
    bint PyUnicode_IS_ASCII(object text)
    object PyBytes_FromStringAndSize(const char* data, Py_ssize_t size)
    char* PyBytes_AS_STRING(object data)


cdef int _readable(object text) except -1:
    """Refuse anything but a ``str`` (a subclass too: its characters are kept alike)."""
    if not isinstance(text, str):
        raise TypeError(f"expected str, not {type(text).__name__}")
    return PyUnicode_READY(text)


def utf8(text):
    """``text.encode("utf-8", "replace")``, byte for byte: the bytes libxml2 parses.

    A text holding a lone surrogate (only ``replace`` makes it encodable, as ``?``) is left to
    CPython's encoder; no other text differs between the two.  The bytes are sized for the
    longest form (4 a character: CPython sizes 3 for a text of two-byte characters) and cut to
    what was written."""
    _readable(text)
    cdef Py_ssize_t length = PyUnicode_GET_LENGTH(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef const void* data = PyUnicode_DATA(text)
    cdef char* start
    cdef char* end
    cdef PyObject* made
    if PyUnicode_IS_ASCII(text):
        return PyBytes_FromStringAndSize(<const char*> data, length)
    made = _new_bytes(NULL, length * (kind + 1 if kind < 4 else 4))
    start = _bytes_of(made)
    end = citecheck_utf8(data, kind, length, start)
    if end is NULL:
        _drop(made)
        return text.encode("utf-8", "replace")
    _PyBytes_Resize(&made, end - start)  # (on failure it frees the bytes and raises)
    encoded = <object> made
    _drop(made)
    return encoded


def holds(text, needle):
    """``needle in text`` for an ASCII ``needle`` (any other is asked of Python's ``in``): a
    page-long scan for a short marker, such as ``{{<`` (:func:`~checker.extract.embeds.
    shortcodes.hugo_calls_as_text`), testing 16 characters at a time for its first one."""
    _readable(text)
    _readable(needle)
    cdef Py_ssize_t length = PyUnicode_GET_LENGTH(text)
    cdef Py_ssize_t size = PyUnicode_GET_LENGTH(needle)
    if size == 0 or not PyUnicode_IS_ASCII(needle):
        return needle in text
    if size > length:
        return False
    return citecheck_holds(
        PyUnicode_DATA(text), PyUnicode_KIND(text), length,
        <const char*> PyUnicode_DATA(needle), size,
    ) == 1
