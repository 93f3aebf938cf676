"""socketpair-conformance: does your socketpair(2) behave like Linux?"""

__version__ = "0.1.0"
