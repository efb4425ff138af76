// SPDX-License-Identifier: GPL-2.0
// A C++ "module" for test_debuginfo_demangle: its symbol table holds the
// mangled name _ZN5lgcxx4Ring4pushEi, frames hold the demangled one.
namespace lgcxx {
struct Ring {
	int slot[8];
	unsigned int head;
	__attribute__((noinline)) void push(int v);
};

void Ring::push(int v)
{
	slot[head++ & 7] = v;	// LG-MARK ring-push
}
}

extern "C" void lg_cxx_entry(lgcxx::Ring *r, int v)
{
	r->push(v);
}
