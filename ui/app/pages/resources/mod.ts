// The resource pages (documents, IT systems, locations) and requirements: one chunk.
