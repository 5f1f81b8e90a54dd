package app.tax.analytics.application.port.in;

import app.tax.analytics.domain.access.Share;
import java.util.List;

/** Shared links to one source's dashboard, for admins. Errors are {@link IllegalArgumentException}s naming the field. */
public interface ManageShares {

    /** @param password null for a share anyone with the link may open */
    Share create(String source, String password, List<String> embedOrigins, int minVisitors);

    List<Share> list();

    /** @return false when there is no such share */
    boolean delete(String id);
}
