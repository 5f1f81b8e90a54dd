package app.tax.analytics.domain.board;

import app.tax.analytics.domain.source.SourceName;
import app.tax.analytics.domain.stats.InvalidQueryException;

/** The checks every item of a source's board (annotation, saved view, report schedule) makes of its own fields. */
final class BoardItemChecks {
    private BoardItemChecks() {
    }

    /** @param item the item, for the error, e.g. "an annotation" */
    static void requireIdAndSource(String item, String id, String source) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(item + " needs an id");
        }
        if (!SourceName.isValid(source)) {
            throw new InvalidQueryException("source", SourceName.RULE);
        }
    }

    /** @param item the item, for the error, e.g. "an annotation" */
    static void requireAuthor(String item, String createdBy) {
        if (createdBy == null || createdBy.isBlank()) {
            throw new IllegalArgumentException(item + " needs its author");
        }
    }
}
