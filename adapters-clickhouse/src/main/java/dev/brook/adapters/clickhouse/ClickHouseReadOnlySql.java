package dev.brook.adapters.clickhouse;

import dev.brook.adapters.clickhouse.transport.ClickHouseTransport;
import dev.brook.adapters.clickhouse.transport.TextTable;
import dev.brook.core.domain.port.out.ReadOnlySql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A person's ad-hoc query (app-local's {@code sql} subcommand). Two locks: the statement must be a single
 * SELECT, WITH, SHOW, DESCRIBE, EXISTS or EXPLAIN — anything else is refused here with a message — and it
 * runs with the engine's {@code readonly} setting on, so the engine refuses whatever slipped through.
 * FORMAT, SETTINGS and INTO OUTFILE are refused too: the answer is returned as a table, and read-only
 * must not be switched off or bypassed by writing files.
 */
public final class ClickHouseReadOnlySql implements ReadOnlySql {

    private static final Set<String> READING_STATEMENTS = Set.of("SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXISTS", "EXPLAIN");
    private static final Set<String> REFUSED_CLAUSES = Set.of("FORMAT", "SETTINGS", "OUTFILE");

    private static final java.util.regex.Pattern HEREDOC_TAG = java.util.regex.Pattern.compile("\\$[A-Za-z0-9_]*\\$");

    private final ClickHouseTransport transport;

    public ClickHouseReadOnlySql(ClickHouseTransport transport) {
        this.transport = transport;
    }

    @Override
    public Table query(String sql) {
        String statement = requireReadOnly(sql);
        TextTable answer = transport.queryReadOnly(statement);
        return new Table(answer.columns(), answer.rows());
    }

    /** The statement without a trailing semicolon, or an IllegalArgumentException saying why it is refused. */
    static String requireReadOnly(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("no SQL given: pass one read-only statement, e.g. SELECT count() FROM benchmark.sensors_local");
        }
        List<String> words = new ArrayList<>();
        int end = scan(sql, words);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("the SQL holds only comments: pass one read-only statement");
        }
        String first = words.get(0);
        if (!READING_STATEMENTS.contains(first)) {
            throw new IllegalArgumentException("refused: " + first + " statements change the store; only SELECT, WITH, SHOW, "
                    + "DESCRIBE, EXISTS and EXPLAIN run here (the pipeline is the only writer)");
        }
        for (String word : words) {
            if (REFUSED_CLAUSES.contains(word)) {
                throw new IllegalArgumentException("refused: " + (word.equals("OUTFILE") ? "INTO OUTFILE writes a file" : word
                        + " clauses are not accepted here") + "; the answer comes back as a table under the engine's readonly setting");
            }
        }
        return sql.substring(0, end).strip();
    }

    /**
     * Collects the upper-cased bare words outside strings, quoted names and comments; returns where the
     * single statement ends. A second statement after a semicolon is refused.
     */
    private static int scan(String sql, List<String> words) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(sql, i, c);
            } else if (c == '$' && skipHeredoc(sql, i) > 0) {
                i = skipHeredoc(sql, i);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-'
                    || c == '#' && i + 1 < n && (sql.charAt(i + 1) == ' ' || sql.charAt(i + 1) == '!')) {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated /* comment in the SQL");
                }
                i = close + 2;
            } else if (c == ';') {
                if (!onlyCommentsAndSpace(sql.substring(i + 1))) {
                    throw new IllegalArgumentException("refused: one statement at a time (found more after ';')");
                }
                return i;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                words.add(sql.substring(start, i).toUpperCase(Locale.ROOT));
            } else {
                i++;
            }
        }
        return n;
    }

    private static int skipQuoted(String sql, int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2; // doubled quote inside the literal
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        throw new IllegalArgumentException("unterminated " + quote + " quote in the SQL");
    }

    private static boolean onlyCommentsAndSpace(String rest) {
        return rest.replaceAll("(?s)/\\*.*?\\*/|--[^\\n]*|#[ !][^\\n]*", "").isBlank();
    }

    /** A heredoc literal {@code $tag$ … $tag$} at {@code i}: returns the index after it, or -1 if none starts here. */
    private static int skipHeredoc(String sql, int i) {
        java.util.regex.Matcher open = HEREDOC_TAG.matcher(sql);
        if (!open.find(i) || open.start() != i) {
            return -1;
        }
        int close = sql.indexOf(open.group(), open.end());
        if (close < 0) {
            throw new IllegalArgumentException("unterminated " + open.group() + " heredoc in the SQL");
        }
        return close + open.group().length();
    }
}
