// The org chart pages: one chunk, loaded on first visit.
import "./orgchart_page.ts";
