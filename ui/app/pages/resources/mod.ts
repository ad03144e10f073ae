// The resource pages (documents, IT systems, locations) and requirements: one chunk.
import "./requirements_page.ts";
import "./resources_page.ts";
