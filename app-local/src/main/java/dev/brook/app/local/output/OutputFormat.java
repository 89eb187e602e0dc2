package dev.brook.app.local.output;

import dev.brook.core.domain.port.out.ReadOnlySql.Table;

import java.io.PrintWriter;
import java.util.List;

/** How {@code sql} prints a result: an aligned table for people, CSV or JSON for programs. */
public enum OutputFormat {

    /** Aligned columns with a header rule and a row count. */
    TABLE {
        @Override
        public void print(Table table, PrintWriter out) {
            int[] widths = new int[table.columns().size()];
            for (int c = 0; c < widths.length; c++) {
                widths[c] = table.columns().get(c).length();
                for (List<String> row : table.rows()) {
                    widths[c] = Math.max(widths[c], row.get(c).length());
                }
            }
            out.println(tableLine(table.columns(), widths));
            StringBuilder rule = new StringBuilder();
            for (int c = 0; c < widths.length; c++) {
                rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
            }
            out.println(rule);
            for (List<String> row : table.rows()) {
                out.println(tableLine(row, widths));
            }
            out.println("(" + table.rows().size() + (table.rows().size() == 1 ? " row)" : " rows)"));
        }
    },

    /** A header line, then one line per row; fields quoted when they hold a comma, a quote or a line break. */
    CSV {
        @Override
        public void print(Table table, PrintWriter out) {
            out.print(csvLine(table.columns()));
            for (List<String> row : table.rows()) {
                out.print(csvLine(row));
            }
        }
    },

    /** One JSON array of objects keyed by column name; values that are numbers are written as numbers. */
    JSON {
        @Override
        public void print(Table table, PrintWriter out) {
            StringBuilder json = new StringBuilder("[");
            for (int r = 0; r < table.rows().size(); r++) {
                List<String> row = table.rows().get(r);
                json.append(r == 0 ? "\n  {" : ",\n  {");
                for (int c = 0; c < row.size(); c++) {
                    json.append(c == 0 ? "" : ", ").append(Json.string(table.columns().get(c))).append(": ")
                            .append(Json.value(row.get(c)));
                }
                json.append('}');
            }
            out.println(json.append(table.rows().isEmpty() ? "]" : "\n]"));
        }
    };

    public abstract void print(Table table, PrintWriter out);

    private static String tableLine(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            line.append(c == 0 ? "" : " | ").append(cell).append(" ".repeat(widths[c] - cell.length()));
        }
        return line.toString().stripTrailing();
    }

    private static String csvLine(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            boolean quote = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                    || cell.indexOf('\r') >= 0;
            line.append(c == 0 ? "" : ",").append(quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell);
        }
        return line.append("\n").toString();
    }
}
