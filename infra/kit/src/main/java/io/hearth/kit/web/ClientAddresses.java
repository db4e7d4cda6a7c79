package io.hearth.kit.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address of the client a request comes from: the peer's, unless the peer is one of the proxies the operator
 * trusts ({@code hearth.trusted-proxies}, CIDRs, from {@code HEARTH_TRUSTED_PROXIES}). Only then is
 * {@code X-Forwarded-For} read, right to left, skipping hops that are trusted proxies too: the first hop that is not
 * is the client. A header from any other peer is ignored, so a client cannot choose the address its rate limits and
 * audit entries are kept under. With no proxy listed, the peer's address is the client's, as it always was.
 */
@Singleton
public class ClientAddresses {

    private static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<Cidr> trusted;

    public ClientAddresses(@Value("${hearth.trusted-proxies:}") String trustedProxies) {
        this.trusted = parse(trustedProxies);
    }

    /** The client's address, as text ({@code 203.0.113.7}, {@code 2001:db8::1}). */
    public String of(HttpRequest<?> request) {
        return resolve(request.getRemoteAddress().getAddress(), request.getHeaders().getAll(FORWARDED_FOR)).getHostAddress();
    }

    /** The client behind this peer, given every {@code X-Forwarded-For} header in the order they came. */
    InetAddress resolve(InetAddress peer, List<String> forwardedFor) {
        InetAddress current = peer;
        if (!isTrusted(current)) {
            return current;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            hops.addAll(Arrays.asList(header.split(",")));
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(hops.get(i).trim());
            if (hop.isEmpty()) {
                // What a trusted proxy passed on is not an address: the last hop known for sure stands.
                return current;
            }
            current = hop.get();
            if (!isTrusted(current)) {
                return current;
            }
        }
        return current;
    }

    private boolean isTrusted(InetAddress address) {
        for (Cidr cidr : trusted) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** An IP literal, never a name to look up (looking a name up would let a header make the server query DNS). */
    static Optional<InetAddress> literal(String text) {
        String value = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = IPV4.matcher(value).matches();
        if (!v4 && !IPV6.matcher(value).matches()) {
            return Optional.empty();
        }
        if (v4) {
            for (String part : value.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return Optional.empty();
                }
            }
        }
        try {
            return Optional.of(InetAddress.getByName(value));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** {@code 10.0.0.0/8, 192.168.1.10, 2001:db8::/32}: each a CIDR or one address; a mistake stops the service at start. */
    static List<Cidr> parse(String list) {
        List<Cidr> cidrs = new ArrayList<>();
        for (String item : list.split(",")) {
            String entry = item.trim();
            if (!entry.isEmpty()) {
                cidrs.add(Cidr.of(entry));
            }
        }
        return cidrs;
    }

    /** A block of addresses: the first {@code bits} bits of {@code network}. */
    record Cidr(byte[] network, int bits) {

        static Cidr of(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            InetAddress network = literal(address).orElseThrow(() -> new IllegalArgumentException(
                    "hearth.trusted-proxies: '" + text + "' is not an IP address or CIDR block"));
            int max = network.getAddress().length * 8;
            int bits;
            try {
                bits = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("hearth.trusted-proxies: '" + text + "' has no prefix length after '/'");
            }
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("hearth.trusted-proxies: '" + text + "' has a prefix length outside 0-" + max);
            }
            return new Cidr(network.getAddress(), bits);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (candidate[whole] & mask) == (network[whole] & mask);
        }
    }
}
