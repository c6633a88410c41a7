import WireCore
