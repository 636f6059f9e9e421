# cython: language_level=3, boundscheck=False, wraparound=False
"""Bench only (issue 19, session 26): every element with its tag, parent, class and href, in one
C walk without a proxy per element, over lexbor's tree (selectolax) and over libxml2's (lxml):
what a port of the HTML side to lexbor would walk.  Built and run by ``bench/parsers.py``."""
from cpython.unicode cimport PyUnicode_DecodeUTF8
from libc.string cimport strcmp
from libc.stdint cimport uintptr_t
cimport lxml.includes.etreepublic as cetree
from lxml.includes cimport tree
from selectolax.lexbor cimport LexborHTMLParser, lxb_dom_node_t, lxb_dom_attr_t, lexbor_str_t, lxb_dom_element_t, lxb_char_t

cdef extern from "lexbor/dom/interfaces/element.h":
    pass
cdef extern from "dlfcn.h":
    void* dlopen(const char*, int)
    void* dlsym(void*, const char*)
    int RTLD_NOW
    int RTLD_NOLOAD

cdef extern from *:
    """
    #include "lexbor/dom/interfaces/element.h"
    static lxb_dom_attr_t* ext26_class(lxb_dom_node_t* n) { return ((lxb_dom_element_t*) n)->attr_class; }
    static lxb_dom_attr_t* ext26_first(lxb_dom_node_t* n) { return ((lxb_dom_element_t*) n)->first_attr; }
    """
    lxb_dom_attr_t* ext26_class(lxb_dom_node_t* n)
    lxb_dom_attr_t* ext26_first(lxb_dom_node_t* n)

ctypedef const lxb_char_t* (*qname_f)(const lxb_dom_element_t*, size_t*)
cdef qname_f _qname = NULL

cetree.import_lxml__etree()

def setup(path):
    global _qname
    cdef void* h = dlopen(path.encode(), RTLD_NOW | RTLD_NOLOAD)
    if h is NULL:
        raise RuntimeError("selectolax not loaded")
    _qname = <qname_f> dlsym(h, "lxb_dom_element_qualified_name")
    if _qname is NULL:
        raise RuntimeError("no symbol")

cdef object _val(lexbor_str_t* s):
    if s is NULL or s.data is NULL:
        return ""
    return PyUnicode_DecodeUTF8(<char*> s.data, s.length, "replace")

def lexbor_walk(LexborHTMLParser parser):
    """tags, parents, classes, hrefs of every element (lexbor), no proxies."""
    cdef lxb_dom_node_t* start = <lxb_dom_node_t*> parser.document
    cdef lxb_dom_node_t* node = start
    cdef lxb_dom_attr_t* a
    cdef size_t n
    cdef const lxb_char_t* name
    cdef list tags = [], parents = [], classes = [], hrefs = []
    cdef dict names = {}
    cdef list enclosing = [-1]
    cdef Py_ssize_t depth = 0, mine
    while True:
        mine = enclosing[depth]
        if node.type == 1:  # element
            mine = len(tags)
            t = names.get(node.local_name)
            if t is None:
                name = _qname(<lxb_dom_element_t*> node, &n)
                t = names[node.local_name] = PyUnicode_DecodeUTF8(<char*> name, n, "replace")
            tags.append(t)
            parents.append(enclosing[depth])
            a = ext26_class(node)
            classes.append(_val(a.value) if a is not NULL else None)
            a = ext26_first(node)
            while a is not NULL and a.node.local_name != 0x1d:
                a = a.next
            hrefs.append(_val(a.value) if a is not NULL else None)
        if node.first_child is not NULL:
            depth += 1
            if depth == len(enclosing):
                enclosing.append(mine)
            else:
                enclosing[depth] = mine
            node = node.first_child
            continue
        while node is not start and node.next is NULL:
            node = node.parent
            depth -= 1
        if node is start:
            break
        node = node.next
    return tags, parents, classes, hrefs

cdef object _prop(tree.xmlNode* node, const char* name):
    cdef tree.xmlAttr* p = node.properties
    while p is not NULL:
        if p.ns is NULL and strcmp(<const char*> p.name, name) == 0:
            if p.children is not NULL and p.children.content is not NULL:
                return PyUnicode_DecodeUTF8(<const char*> p.children.content, len(<bytes> p.children.content), "replace")
            return ""
        p = p.next
    return None

def libxml2_walk(root):
    """tags, parents, classes, hrefs of every element (libxml2), no proxies."""
    cdef cetree._Element top = <cetree._Element?> root
    cdef tree.xmlNode* start = top._c_node
    cdef tree.xmlNode* node = start
    cdef list tags = [], parents = [], classes = [], hrefs = []
    cdef dict names = {}
    cdef list enclosing = [-1]
    cdef Py_ssize_t depth = 0, mine
    while True:
        mine = enclosing[depth]
        if node.type == tree.XML_ELEMENT_NODE:
            mine = len(tags)
            key = <uintptr_t> node.name
            t = names.get(key)
            if t is None:
                t = names[key] = cetree.namespacedName(node)
            tags.append(t)
            parents.append(enclosing[depth])
            classes.append(_prop(node, "class"))
            hrefs.append(_prop(node, "href"))
        if node.type != tree.XML_ENTITY_REF_NODE and node.type != tree.XML_DTD_NODE and node.children is not NULL:
            depth += 1
            if depth == len(enclosing):
                enclosing.append(mine)
            else:
                enclosing[depth] = mine
            node = node.children
            continue
        while node is not start and node.next is NULL:
            node = node.parent
            depth -= 1
        if node is start:
            break
        node = node.next
    return tags, parents, classes, hrefs
