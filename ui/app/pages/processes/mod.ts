// The process pages: one chunk for the map, the list and the process page.
import "./map.ts";
import "./list.ts";
import "./process_page.ts";
