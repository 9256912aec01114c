package io.caravan.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class RouteFileExceptionTest {

    static final Path FILE = Path.of("/srv/routes/x.yaml");

    @Test
    void theLineIsTheLastOneTheInnermostMessagesNameAndTheFileIsNamedOnce() {
        Exception yaml = new IllegalStateException("while parsing a block mapping\n in file:/srv/routes/x.yaml, line 4,"
                + " column 7:\n    uri: direct:a\n    ^\nexpected <block end>, but found '<block sequence start>'\n"
                + " in file:/srv/routes/x.yaml, line 8, column 8:");
        RouteFileException e = RouteFileException.of(FILE, new RuntimeException("Failed to load", yaml));
        assertEquals(8, e.line());
        assertEquals("its running routes are unchanged: /srv/routes/x.yaml line 8: while parsing a block mapping at "
                + "line 4, column 7: uri: direct:a ^ expected <block end>, but found '<block sequence start>' at line 8,"
                + " column 8:", e.describe());
    }

    @Test
    void noLineWhenCamelNamesNone() {
        RouteFileException e = RouteFileException.of(FILE, new IllegalArgumentException("No endpoint could be found"))
                .restored();
        assertNull(e.line());
        assertEquals("its previous routes were added back and restarted: /srv/routes/x.yaml: No endpoint could be found",
                e.describe());
    }
}
