# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""The flattening's walk (:func:`checker.extract.lines.html_lines`) compiled over libxml2's nodes.

The pure Python walk (``lines._Flattener``) is the reference and the fallback;
:mod:`checker.extract.native` decides which one runs, and they give the same lines.  What this
saves is the walk's per-element Python: a proxy and a ``.tag``/``.text``/``.tail`` read for
every node, a method call per element and per text, the scope objects.  The element's name,
source line, text runs and the few attributes every element is asked for are read from its
node here; what a rule decides beyond that stays Python and is called back, given once by
:mod:`checker.extract.lines` (:func:`configure`): the chrome test (``skip``), the social embed
class test, what an element cites by attribute, an SVG's links, a blockquote's ``cite``, an
anchor and a line once read (``lines.made_line``, whose bare URL scan is ``lines.bare_urls``).

No recursion: the walk keeps its own stack of items in one C array that grows (bounded by the
nodes under the element, each pushed once, with at most two items of work left after it), so a
page nested 100,000 deep is walked like a flat one.  Nothing here writes to a node.  A text that
is not valid UTF-8 (lxml would raise reading it) returns None: the pure walk then reads it.
"""

from cpython.mem cimport PyMem_Free, PyMem_Malloc, PyMem_Realloc
from cpython.unicode cimport Py_UNICODE_ISSPACE
from libc.string cimport memcpy, strlen

cimport lxml.includes.etreepublic as cetree
from lxml.includes cimport tree

cdef extern from "libxml/xmlversion.h":
    const char* LIBXML_DOTTED_VERSION

cdef extern from "Python.h":
    object PyUnicode_DecodeUTF8(const char* s, Py_ssize_t size, const char* errors)

cetree.import_lxml__etree()

BUILT_LXML = cetree.LXML_VERSION_STRING.decode("ascii")
"""The lxml version whose headers this module was compiled with."""
BUILT_LIBXML = LIBXML_DOTTED_VERSION.decode("ascii")
"""The libxml2 version whose headers this module was compiled with."""

# What an element's (lower-cased) name is to the walk: see :func:`configure`.
BLOCK = 1
HEADING = 2
CITING = 4  # cites a URL by attribute
VERBATIM = 8
INVISIBLE = 16
LINK = 32  # <a>
IMAGE = 64  # <img>: no scope, no children read
SVG = 128
QUOTE = 256  # <blockquote>

cdef dict _flags = None
cdef object _pruned = None  # the attribute name holding what the parse pruned
cdef bytes _pruned_utf8 = None
cdef object _is_embed = None
cdef object _cited_by_attribute = None
cdef object _svg_links = None
cdef object _quote_cite = None
cdef object _finished_anchor = None
cdef object _made_line = None
cdef object _line = None


def configure(
    dict flags, str pruned, is_embed, cited_by_attribute, svg_links, quote_cite,
    finished_anchor, made_line, line,
):
    """The rules of :mod:`checker.extract.lines`, given once: each tag's flags, the attribute
    of pruned links, and the functions and class the walk calls back."""
    global _flags, _pruned, _pruned_utf8, _is_embed, _cited_by_attribute, _svg_links
    global _quote_cite, _finished_anchor, _made_line, _line
    _flags, _pruned, _pruned_utf8 = flags, pruned, pruned.encode("utf-8")
    _is_embed, _cited_by_attribute, _svg_links = is_embed, cited_by_attribute, svg_links
    _quote_cite, _finished_anchor, _made_line, _line = (
        quote_cite, finished_anchor, made_line, line
    )


# What an item on the stack is.
cdef enum Kind:
    TEXT = 0  # a run of text nodes (an element's text or tail)
    ELEMENT = 1
    SPACE = 2  # after verbatim markup: a part of one space
    ANCHOR = 3  # after an <a href>'s content: the anchor
    LEAVE = 4  # after an element's content: its line closed (a block), its scope left
    EMBED = 5  # after an embed's content: its scope left, its marker line if it showed none


cdef struct Scope:
    bint in_embed
    Py_ssize_t embed  # -1: none
    Py_ssize_t quote  # -1: none
    Py_ssize_t cite  # an index into the walk's cites, -1: none
    bint heading


cdef struct Item:
    Kind kind
    tree.xmlNode* node
    Py_ssize_t number  # ANCHOR: parts before it; EMBED: its index
    Py_ssize_t lines  # EMBED: lines before it
    bint block  # LEAVE: whether it closes a line
    Scope scope  # LEAVE, EMBED: the scope to return to


cdef inline tree.xmlNode* _text_or_skip(tree.xmlNode* node) noexcept:
    """lxml's ``_textNodeOrSkip``: ``node`` when it is text, past XInclude marks, else NULL."""
    while node is not NULL:
        if node.type == tree.XML_TEXT_NODE or node.type == tree.XML_CDATA_SECTION_NODE:
            return node
        if node.type != tree.XML_XINCLUDE_START and node.type != tree.XML_XINCLUDE_END:
            return NULL
        node = node.next
    return NULL


cdef inline bint _has_text(tree.xmlNode* node) noexcept:
    """Whether the run of text nodes from ``node`` on holds a character (lxml's text is not
    None and not empty)."""
    node = _text_or_skip(node)
    while node is not NULL:
        if node.content is not NULL and node.content[0] != 0:
            return True
        node = _text_or_skip(node.next)
    return False


cdef str _text_of(tree.xmlNode* node):
    """The run of text nodes from ``node`` on, as lxml's ``.text``/``.tail`` read it (one
    decode of the joined UTF-8; invalid UTF-8 raises, as it does there)."""
    cdef tree.xmlNode* at = _text_or_skip(node)
    cdef tree.xmlNode* only = NULL
    cdef Py_ssize_t size = 0, length, filled = 0, nonempty = 0
    cdef char* joined
    while at is not NULL:
        if at.content is not NULL and at.content[0] != 0:
            size += strlen(<const char*> at.content)
            nonempty += 1
            only = at
        at = _text_or_skip(at.next)
    if nonempty == 1:
        return PyUnicode_DecodeUTF8(<const char*> only.content, size, NULL)
    joined = <char*> PyMem_Malloc(size + 1)
    if joined is NULL:
        raise MemoryError()
    try:
        at = _text_or_skip(node)
        while at is not NULL:
            if at.content is not NULL:
                length = strlen(<const char*> at.content)
                memcpy(joined + filled, at.content, length)
                filled += length
            at = _text_or_skip(at.next)
        return PyUnicode_DecodeUTF8(joined, filled, NULL)
    finally:
        PyMem_Free(joined)


cdef inline bint _same_name(const char* a, const char* b) noexcept:
    cdef Py_ssize_t i = 0
    while a[i] == b[i]:
        if a[i] == 0:
            return True
        i += 1
    return False


cdef bint _has_attribute(tree.xmlNode* node, const char* name) noexcept:
    """Whether the element has the attribute ``name`` outside any namespace (``.get`` would
    find it: the HTML parser reads no DTD, so no default value is declared)."""
    cdef tree.xmlAttr* attribute = node.properties
    while attribute is not NULL:
        if attribute.ns is NULL and attribute.name is not NULL:
            if _same_name(<const char*> attribute.name, name):
                return True
        attribute = attribute.next
    return False


cdef str _name_of(tree.xmlNode* node):
    """lxml's ``.tag`` of an element, lower-cased as the pure walk reads it."""
    name = PyUnicode_DecodeUTF8(<const char*> node.name, strlen(<const char*> node.name), NULL)
    if node.ns is not NULL and node.ns.href is not NULL:
        href = (<const char*> node.ns.href).decode("utf-8")
        name = "{" + href + "}" + name
    return name.lower()


cdef long _line_of(cetree._Document doc, tree.xmlNode* node) except -1:
    """lxml's ``sourceline`` of an element, 0 for None.  libxml2 keeps a line in 16 bits; one
    past 65,534 is marked 65,535 and found elsewhere (``xmlGetLineNo``, not callable here: lxml
    does not export libxml2's functions), so such a line is asked of lxml."""
    if node.line != 65535:
        return node.line
    number = cetree.elementFactory(doc, node).sourceline
    return number if number is not None else 0


cdef class _Walk:
    """One flattening: the stack, the line being read, the lines read."""

    cdef Item* items
    cdef Py_ssize_t size, capacity
    cdef cetree._Document doc
    cdef object skip
    cdef int hidden
    cdef tree.xmlNode** embed_nodes
    cdef Py_ssize_t* embed_indices
    cdef Py_ssize_t embed_count
    cdef list lines, parts, anchors, cited, linked_parts, cites
    cdef Py_ssize_t omitted, quotes
    cdef long source_line, start  # start: -1 none
    cdef bint shown  # whether the parts since the last break hold more than white space
    cdef Scope scope

    def __cinit__(self):
        self.items = NULL
        self.embed_nodes = NULL
        self.embed_indices = NULL

    def __dealloc__(self):
        PyMem_Free(self.items)
        PyMem_Free(self.embed_nodes)
        PyMem_Free(self.embed_indices)

    cdef int push(self, Kind kind, tree.xmlNode* node) except -1:
        cdef Item* grown
        cdef Py_ssize_t capacity
        if self.size == self.capacity:
            capacity = max(64, 2 * self.capacity)
            grown = <Item*> PyMem_Realloc(self.items, capacity * sizeof(Item))
            if grown is NULL:
                raise MemoryError()
            self.items, self.capacity = grown, capacity
        self.items[self.size].kind = kind
        self.items[self.size].node = node
        self.size += 1
        return 0

    cdef int push_children(self, tree.xmlNode* node) except -1:
        """``lines.push_children``: each child (last first) above its tail, then the text."""
        cdef tree.xmlNode* child = node.last
        while child is not NULL:
            if (
                child.type == tree.XML_ELEMENT_NODE or child.type == tree.XML_COMMENT_NODE
                or child.type == tree.XML_ENTITY_REF_NODE or child.type == tree.XML_PI_NODE
            ):
                if _has_text(child.next):
                    self.push(TEXT, child.next)
                if child.type == tree.XML_ELEMENT_NODE:  # the others are passed over
                    self.push(ELEMENT, child)
            child = child.prev
        if _has_text(node.children):
            self.push(TEXT, node.children)
        return 0

    cdef object proxy(self, tree.xmlNode* node):
        return cetree.elementFactory(self.doc, node)

    cdef int add_text(self, tree.xmlNode* node) except -1:
        """``_Flattener._add_text``: where the line starts, the source line after the text."""
        cdef str text = _text_of(node)
        cdef Py_ssize_t i, length = len(text), lead = -1, newlines = 0, leading = 0
        cdef Py_UCS4 char
        for i in range(length):
            char = text[i]
            if lead < 0 and not Py_UNICODE_ISSPACE(char):
                lead = i
                leading = newlines
            if char == u"\n":
                newlines += 1
        if lead >= 0:
            self.shown = True
            if self.start < 0:
                self.start = self.source_line + leading
        self.source_line += newlines
        self.parts.append(text)
        return 0

    cdef object optional(self, Py_ssize_t value):
        return None if value < 0 else value

    cdef int close_line(self) except -1:
        """``_Flattener._break``: the line read since the last break, if it shows anything."""
        cdef Scope scope = self.scope
        if self.shown or self.anchors or self.cited or self.omitted:
            line = _made_line(
                self.parts, self.anchors, self.cited, self.linked_parts, self.omitted,
                self.start if self.start >= 0 else self.source_line,
                scope.in_embed, self.optional(scope.embed), self.optional(scope.quote),
                self.cites[scope.cite] if scope.cite >= 0 else None, scope.heading,
            )
            if line is not None:
                self.lines.append(line)
            del self.anchors[:]
            del self.cited[:]
            self.omitted = 0
        # (only white space read: ``made_line`` would make no line of it)
        del self.parts[:]
        self.shown = False
        del self.linked_parts[:]
        self.start = -1
        return 0

    cdef int note_cited(self, object found) except -1:
        """A URL cited by attribute, or a list of them: the line holds something from here."""
        if found is None or (type(found) is list and not found):
            return 0
        if type(found) is list:
            self.cited.extend(found)
        else:
            self.cited.append(found)
        if self.start < 0:
            self.start = self.source_line
        return 0

    cdef Py_ssize_t embed_index(self, tree.xmlNode* node) noexcept:
        cdef Py_ssize_t i
        for i in range(self.embed_count):
            if self.embed_nodes[i] == node:
                return self.embed_indices[i]
        return -1

    cdef int visit(self, tree.xmlNode* node) except -1:
        """``_Flattener._visit_tag``: start an element, leaving what follows its children."""
        cdef str name = _name_of(node)
        cdef int flag = _flags.get(name, 0)
        cdef long number = _line_of(self.doc, node)
        cdef Py_ssize_t embed
        cdef Scope scope = self.scope
        cdef Item* item
        cdef bint skipped, linked
        if number:
            self.source_line = number
        if self.embed_count and scope.embed < 0:
            embed = self.embed_index(node)
            if embed >= 0:
                self.enter_embed(node, embed, flag)
                return 0
        element = None  # its proxy, made only for a rule called back
        if flag & self.hidden:
            skipped = True
        elif self.skip is not None:
            element = self.proxy(node)
            skipped = self.skip(element)
        else:
            skipped = False
        if skipped:
            if flag & SVG:
                if element is None:
                    element = self.proxy(node)
                if self.skip is None or not self.skip(element):
                    self.note_cited(_svg_links(element, scope.in_embed))
            elif flag & VERBATIM:  # code left out still ends a URL written up to it
                self.parts.append(" ")
            return 0
        if _has_attribute(node, _pruned_utf8):
            if element is None:
                element = self.proxy(node)
            self.omitted += int(element.get(_pruned) or 0)
        if flag & BLOCK and (self.parts or self.anchors or self.cited or self.omitted):
            self.close_line()
        if flag & CITING:
            if element is None:
                element = self.proxy(node)
            self.note_cited(_cited_by_attribute(element, name, scope.in_embed))
        if flag & VERBATIM:  # read, code is still a run of its own
            self.parts.append(" ")
            self.push(SPACE, NULL)
        if flag & LINK and _has_attribute(node, b"href"):
            if element is None:
                element = self.proxy(node)
            linked = bool(element.get("href"))
        else:
            linked = False
        if linked:
            self.push(ANCHOR, node)
            self.items[self.size - 1].number = len(self.parts)
        elif not (flag & IMAGE):
            self.push(LEAVE, node)
            item = &self.items[self.size - 1]
            item.scope = scope
            item.block = (flag & BLOCK) != 0
            self.enter_scope(node, flag)
        else:
            return 0
        self.push_children(node)
        return 0

    cdef int enter_scope(self, tree.xmlNode* node, int flag) except -1:
        """``_Flattener._inner_scope``: an embed-classed element, a blockquote, a heading."""
        if (
            not self.scope.in_embed
            and _has_attribute(node, b"class")
            and _is_embed(self.proxy(node))
        ):
            self.scope.in_embed = True
        elif flag & QUOTE and not self.scope.in_embed and self.scope.quote < 0:
            self.quotes += 1
            self.scope.quote = self.quotes
            cite = _quote_cite(self.proxy(node))
            if cite is None:
                self.scope.cite = -1
            else:
                self.scope.cite = len(self.cites)
                self.cites.append(cite)
        elif flag & HEADING:
            self.scope.heading = True
        return 0

    cdef int enter_embed(self, tree.xmlNode* node, Py_ssize_t index, int flag) except -1:
        """``_Flattener._enter_embed``: an embed's lines carry its index."""
        cdef Item* item
        self.close_line()
        self.push(EMBED, node)
        item = &self.items[self.size - 1]
        item.number = index
        item.lines = len(self.lines)
        item.scope = self.scope
        self.scope.in_embed = True
        self.scope.embed = index
        self.scope.quote = -1
        self.scope.cite = -1
        self.scope.heading = False
        if not flag & INVISIBLE:
            self.push_children(node)
        return 0

    cdef int finish_embed(self, Item item) except -1:
        """``_Flattener._finish_embed``: one that showed no text leaves an empty marker."""
        cdef long number
        self.close_line()
        self.scope = item.scope
        if len(self.lines) == item.lines:
            number = _line_of(self.doc, item.node)
            self.lines.append(
                _line("", number if number else self.source_line, (), embed=item.number)
            )
        return 0

    cdef int finish_anchor(self, Item item) except -1:
        if self.start < 0:
            self.start = self.source_line
        self.anchors.append(
            _finished_anchor(self.proxy(item.node), self.parts, item.number, self.scope.in_embed)
        )
        self.linked_parts.append((item.number, len(self.parts)))
        return 0

    cdef tuple run(self, cetree._Element element):
        cdef tree.xmlNode* root = element._c_node
        cdef Item item
        cdef long number = _line_of(self.doc, root)
        self.source_line = number if number else 1
        self.omitted = int(element.get(_pruned) or 0)
        self.push_children(root)
        while self.size:
            self.size -= 1
            item = self.items[self.size]
            if item.kind == TEXT:
                self.add_text(item.node)
            elif item.kind == ELEMENT:
                self.visit(item.node)
            elif item.kind == LEAVE:
                if item.block:
                    self.close_line()
                self.scope = item.scope
            elif item.kind == ANCHOR:
                self.finish_anchor(item)
            elif item.kind == SPACE:
                self.parts.append(" ")
            else:
                self.finish_embed(item)
        self.close_line()
        return tuple(self.lines)


def flatten(element, skip, dict embeds, bint include_verbatim):
    """``lines.html_lines`` of ``element``, compiled; None when a text is not valid UTF-8 (the
    pure walk then reads it as lxml does)."""
    cdef cetree._Element top = <cetree._Element?> element
    cdef _Walk walk = _Walk()
    cdef Py_ssize_t i = 0
    cdef cetree._Element embed
    if _flags is None:
        raise RuntimeError("checker.extract._flatten.configure() was not called")
    if top._c_node is NULL:
        raise ValueError("an element without a node")
    walk.doc = top._doc
    walk.skip = skip
    walk.hidden = INVISIBLE if include_verbatim else INVISIBLE | VERBATIM
    walk.lines, walk.parts, walk.anchors, walk.cited = [], [], [], []
    walk.linked_parts, walk.cites = [], []
    walk.start = -1
    walk.scope.in_embed = False
    walk.scope.embed = walk.scope.quote = walk.scope.cite = -1
    walk.scope.heading = False
    if embeds:
        walk.embed_nodes = <tree.xmlNode**> PyMem_Malloc(len(embeds) * sizeof(tree.xmlNode*))
        walk.embed_indices = <Py_ssize_t*> PyMem_Malloc(len(embeds) * sizeof(Py_ssize_t))
        if walk.embed_nodes is NULL or walk.embed_indices is NULL:
            raise MemoryError()
        for key, index in embeds.items():
            embed = <cetree._Element?> key
            walk.embed_nodes[i] = embed._c_node
            walk.embed_indices[i] = index
            i += 1
        walk.embed_count = i
    try:
        return walk.run(top)
    except UnicodeDecodeError:
        return None
