package dev.touchpoint.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.util.MultiValueMap;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the body of every request by its {@link PathGroup}'s limit ({@code touchpoint.http.max-body.*}) and answers
 * 413 with a problem detail:
 * <ul>
 *   <li>a declared {@code Content-Length} over the limit is refused before a byte of the body is read;</li>
 *   <li>a chunked body (no length) is counted as the application reads it: the read that passes the limit fails, and
 *       whatever the application then answers is replaced by the 413 (nothing it writes after that reaches the
 *       client);</li>
 *   <li>a form ({@code application/x-www-form-urlencoded}), which the servlet container would parse on its own, is
 *       read here (bounded) and its parameters are served from that copy.</li>
 * </ul>
 * Runs before every other filter (Spring Security, Spring's form filter), so no one reads an unbounded body.
 */
final class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final HttpProperties.MaxBody limits;

    RequestBodyLimitFilter(HttpProperties.MaxBody limits) {
        this.limits = limits;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        DataSize limit = limits.of(PathGroup.of(request));
        long max = limit.toBytes();
        long declared = request.getContentLengthLong();
        if (declared > max) {
            tooLarge(request, response, limit);
            return;
        }
        if (isForm(request)) {
            byte[] body = request.getInputStream().readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
            if (body.length > max) {
                tooLarge(request, response, limit);
                return;
            }
            chain.doFilter(new FormRequest(request, body), response);
            return;
        }
        LimitedRequest limited = new LimitedRequest(request, max);
        GuardedResponse guarded = new GuardedResponse(response, limited);
        try {
            chain.doFilter(limited, guarded);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!limited.exceeded) {
                throw e;
            }
        }
        if (limited.exceeded) {
            if (response.isCommitted()) {
                logger.warn("Request body over " + limit + " on " + request.getRequestURI() + " after the answer was committed");
                return;
            }
            response.reset();
            tooLarge(request, response, limit);
        }
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(type));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void tooLarge(HttpServletRequest request, HttpServletResponse response, DataSize limit) throws IOException {
        Problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "The request body is larger than " + readable(limit)
                + ", the most " + request.getMethod() + " " + request.getRequestURI() + " accepts.",
                Map.of(HttpHeaders.CONNECTION, "close"));
    }

    static String readable(DataSize size) {
        long bytes = size.toBytes();
        if (bytes % (1024L * 1024 * 1024) == 0) {
            return size.toGigabytes() + " GB";
        }
        if (bytes % (1024L * 1024) == 0) {
            return size.toMegabytes() + " MB";
        }
        if (bytes % 1024 == 0) {
            return size.toKilobytes() + " KB";
        }
        return bytes + " bytes";
    }

    /** Thrown by a read that passes the limit. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit) {
            super("request body larger than " + limit + " bytes");
        }
    }

    /** Counts what the application reads. */
    static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long max;
        private long read;
        volatile boolean exceeded;
        private ServletInputStream stream;
        private BufferedReader reader;

        LimitedRequest(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream());
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }

        private void count(long n) throws BodyTooLargeException {
            if (n > 0) {
                read += n;
                if (read > max) {
                    exceeded = true;
                    throw new BodyTooLargeException(max);
                }
            }
        }

        private final class CountingStream extends ServletInputStream {
            private final ServletInputStream in;

            CountingStream(ServletInputStream in) {
                this.in = in;
            }

            @Override
            public int read() throws IOException {
                if (exceeded) {
                    throw new BodyTooLargeException(max);
                }
                int b = in.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (exceeded) {
                    throw new BodyTooLargeException(max);
                }
                if (length == 0) {
                    return 0;
                }
                // never ask for more than one byte past the limit, so the overflow is seen without buffering more
                int ask = (int) Math.max(1, Math.min(length, max - read + 1));
                int n = in.read(buffer, offset, ask);
                count(n);
                return n;
            }

            @Override
            public boolean isFinished() {
                return in.isFinished();
            }

            @Override
            public boolean isReady() {
                return in.isReady();
            }

            @Override
            public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
            }
        }
    }

    /** Once the body was too large, keeps the application's answer from the client (the filter answers 413). */
    static final class GuardedResponse extends HttpServletResponseWrapper {
        private final LimitedRequest request;
        private ServletOutputStream discard;

        GuardedResponse(HttpServletResponse response, LimitedRequest request) {
            super(response);
            this.request = request;
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            if (!request.exceeded) {
                super.sendError(sc, msg);
            }
        }

        @Override
        public void sendError(int sc) throws IOException {
            if (!request.exceeded) {
                super.sendError(sc);
            }
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            if (!request.exceeded) {
                super.sendRedirect(location);
            }
        }

        @Override
        public void setStatus(int sc) {
            if (!request.exceeded) {
                super.setStatus(sc);
            }
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!request.exceeded) {
                super.flushBuffer();
            }
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (request.exceeded) {
                return discard();
            }
            ServletOutputStream real = super.getOutputStream();
            return new ServletOutputStream() {
                @Override
                public void write(int b) throws IOException {
                    (request.exceeded ? discard() : real).write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    (request.exceeded ? discard() : real).write(b, off, len);
                }

                @Override
                public void flush() throws IOException {
                    if (!request.exceeded) {
                        real.flush();
                    }
                }

                @Override
                public boolean isReady() {
                    return real.isReady();
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    real.setWriteListener(listener);
                }
            };
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (request.exceeded) {
                return new PrintWriter(Writer.nullWriter());
            }
            PrintWriter real = super.getWriter();
            return new PrintWriter(new Writer() {
                @Override
                public void write(char[] buffer, int offset, int length) {
                    if (!request.exceeded) {
                        real.write(buffer, offset, length);
                    }
                }

                @Override
                public void flush() {
                    if (!request.exceeded) {
                        real.flush();
                    }
                }

                @Override
                public void close() {
                    if (!request.exceeded) {
                        real.close();
                    }
                }
            });
        }

        private ServletOutputStream discard() {
            if (discard == null) {
                discard = new ServletOutputStream() {
                    @Override
                    public void write(int b) {
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                    }
                };
            }
            return discard;
        }
    }

    /** A form whose (bounded) body was read here: parameters are the query's plus the body's. */
    static final class FormRequest extends HttpServletRequestWrapper {
        private final byte[] body;
        private final Map<String, String[]> parameters;

        FormRequest(HttpServletRequest request, byte[] body) throws IOException {
            super(request);
            this.body = body;
            // the container no longer parses the body (its stream was read); it still gives the query's parameters
            Map<String, String[]> all = new LinkedHashMap<>(request.getParameterMap());
            MultiValueMap<String, String> form = new FormHttpMessageConverter().read(null, new HttpInputMessage() {
                @Override
                public InputStream getBody() {
                    return new ByteArrayInputStream(body);
                }

                @Override
                public HttpHeaders getHeaders() {
                    HttpHeaders headers = new HttpHeaders();
                    headers.setContentType(MediaType.parseMediaType(request.getContentType()));
                    return headers;
                }
            });
            form.forEach((name, values) -> {
                String[] before = all.get(name);
                List<String> merged = new java.util.ArrayList<>(before == null ? List.of() : List.of(before));
                merged.addAll(values);
                all.put(name, merged.toArray(String[]::new));
            });
            this.parameters = Collections.unmodifiableMap(all);
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters.get(name);
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
        }
    }
}
