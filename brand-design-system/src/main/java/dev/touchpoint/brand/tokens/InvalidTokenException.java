package dev.touchpoint.brand.tokens;

/** A design token file is malformed. The message names the file and the token path. */
public class InvalidTokenException extends RuntimeException {

    private final String file;
    private final String path;

    public InvalidTokenException(String file, String path, String message) {
        super(file + (path == null || path.isEmpty() ? "" : " token '" + path + "'") + ": " + message);
        this.file = file;
        this.path = path;
    }

    public String file() {
        return file;
    }

    public String path() {
        return path;
    }
}
