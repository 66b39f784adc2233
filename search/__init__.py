"""Search: request and response types, search documents and the engines behind one interface."""
