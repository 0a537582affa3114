package io.lumen.testkit.moonlight;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * lumen's own Moonlight client, written from the protocol facts (PROTOCOL-DETAIL.md 2): it pairs the way
 * moonlight-embedded and moonlight-android do (SHA-256 for appversion 7, AES-128-ECB challenges, RSA signatures),
 * then speaks HTTPS with its client certificate, pinning the host certificate it received while pairing.
 * Every request carries the same {@code uniqueid} real clients send.
 */
public final class MoonlightTestClient {

    public static final String UNIQUE_ID = "0123456789ABCDEF";
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How a pairing ended, as the client sees it. */
    public enum PairOutcome { PAIRED, WRONG_PIN, REFUSED }

    private final String host;
    private final int httpPort;
    private final int httpsPort;
    private final ClientIdentity identity;
    private final String deviceName; // as sent: URL-encoded
    private final InetAddress localAddress;
    private final HttpClient http;
    private volatile X509Certificate hostCertificate;

    public MoonlightTestClient(String host, int httpPort, int httpsPort, ClientIdentity identity, String deviceName) {
        this(host, httpPort, httpsPort, identity, deviceName, null);
    }

    /**
     * A client whose connections leave from {@code localAddress} (null: the system's choice), so that tests on
     * loopback can play a second machine (127.0.0.2) beside the first.
     */
    public MoonlightTestClient(String host, int httpPort, int httpsPort, ClientIdentity identity, String deviceName,
                               InetAddress localAddress) {
        this.host = host;
        this.localAddress = localAddress;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.identity = identity;
        this.deviceName = java.net.URLEncoder.encode(deviceName, StandardCharsets.UTF_8);
        this.http = builder().build();
    }

    public ClientIdentity identity() {
        return identity;
    }

    /** Uses the host certificate a previous pairing gave (clients keep it with the host's entry). */
    public MoonlightTestClient trusting(X509Certificate certificate) {
        this.hostCertificate = certificate;
        return this;
    }

    public X509Certificate hostCertificate() {
        return hostCertificate;
    }

    /** GET over plain HTTP; {@code query} without the uniqueid/uuid the client adds itself. */
    public Reply http(String path, String query) throws IOException, InterruptedException {
        return send(http, URI.create("http://" + host + ":" + httpPort + path + "?" + common() + and(query)));
    }

    /** GET over HTTPS with the client certificate. Before pairing any host certificate is accepted, as clients do. */
    public Reply https(String path, String query) throws IOException, InterruptedException {
        HttpClient tls = builder().sslContext(tlsContext()).sslParameters(tlsParameters()).build();
        try {
            return send(tls, URI.create("https://" + host + ":" + httpsPort + path + "?" + common() + and(query)));
        } finally {
            tls.close();
        }
    }

    /**
     * Pairs: phase 1 waits until {@code enterPinAtHost} has typed {@code hostPin} at the host (it is called once
     * the host holds the request), then phases 2 to 4 over HTTP and the pair challenge over HTTPS. Like the real
     * clients, a host answer that does not match the PIN ends in {@code /unpair} and WRONG_PIN.
     */
    public PairOutcome pair(String clientPin, Runnable enterPinAtHost) throws Exception {
        byte[] salt = random(16);
        CompletableFuture<HttpResponse<byte[]>> phase1 = http.sendAsync(HttpRequest.newBuilder(URI.create("http://"
                + host + ":" + httpPort + "/pair?" + common() + "&devicename=" + deviceName + "&updateState=1"
                + "&phrase=getservercert&salt=" + HEX.formatHex(salt) + "&clientcert="
                + HEX.formatHex(identity.certificatePem().getBytes(StandardCharsets.US_ASCII)))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        enterPinAtHost.run();
        Reply first;
        try {
            first = reply(phase1.get(3, TimeUnit.MINUTES));
        } catch (ExecutionException e) {
            throw new IOException("getservercert failed", e.getCause());
        }
        if (!"1".equals(first.field("paired")) || first.field("plaincert") == null) {
            return PairOutcome.REFUSED;
        }
        X509Certificate serverCertificate = parse(new String(HEX.parseHex(first.field("plaincert")),
                StandardCharsets.US_ASCII));
        byte[] key = Arrays.copyOf(sha256(salt, clientPin.getBytes(StandardCharsets.US_ASCII)), 16);

        byte[] clientChallenge = random(16);
        Reply second = pairStep("clientchallenge=" + HEX.formatHex(aes(Cipher.ENCRYPT_MODE, key, clientChallenge)));
        if (!"1".equals(second.field("paired"))) {
            return PairOutcome.REFUSED;
        }
        byte[] challengeResponse = aes(Cipher.DECRYPT_MODE, key, HEX.parseHex(second.field("challengeresponse")));
        byte[] serverHash = Arrays.copyOf(challengeResponse, 32);
        byte[] serverChallenge = Arrays.copyOfRange(challengeResponse, 32, 48);

        byte[] clientSecret = random(16);
        byte[] clientHash = sha256(serverChallenge, identity.certificate().getSignature(), clientSecret);
        Reply third = pairStep("serverchallengeresp=" + HEX.formatHex(aes(Cipher.ENCRYPT_MODE, key, clientHash)));
        if (!"1".equals(third.field("paired"))) {
            return PairOutcome.REFUSED;
        }
        byte[] pairingSecret = HEX.parseHex(third.field("pairingsecret"));
        byte[] serverSecret = Arrays.copyOf(pairingSecret, 16);
        byte[] serverSignature = Arrays.copyOfRange(pairingSecret, 16, pairingSecret.length);
        if (!verify(serverCertificate, serverSecret, serverSignature)) {
            http("/unpair", "");
            return PairOutcome.REFUSED; // not signed by the certificate it sent: someone in the middle
        }
        if (!MessageDigest.isEqual(serverHash, sha256(clientChallenge, serverCertificate.getSignature(), serverSecret))) {
            http("/unpair", "");
            return PairOutcome.WRONG_PIN;
        }
        Reply fourth = pairStep("clientpairingsecret=" + HEX.formatHex(concat(clientSecret, sign(clientSecret))));
        if (!"1".equals(fourth.field("paired"))) {
            http("/unpair", "");
            return PairOutcome.REFUSED;
        }
        hostCertificate = serverCertificate;
        Reply fifth = https("/pair", "devicename=" + deviceName + "&updateState=1&phrase=pairchallenge");
        if (fifth.status() != 200 || !"1".equals(fifth.field("paired"))) {
            http("/unpair", "");
            return PairOutcome.REFUSED;
        }
        return PairOutcome.PAIRED;
    }

    /** The titles and ids of {@code /applist}, in order, as "id=title". */
    public List<String> apps() throws IOException, InterruptedException {
        Reply list = https("/applist", "");
        if (list.status() != 200) {
            throw new IOException("applist: " + list);
        }
        List<String> ids = list.fields("ID");
        List<String> titles = list.fields("AppTitle");
        return java.util.stream.IntStream.range(0, ids.size()).mapToObj(i -> ids.get(i) + "=" + titles.get(i)).toList();
    }

    /** {@code /launch} with what moonlight-embedded sends: a fresh rikey and rikeyid, stereo, corever=1. */
    public Reply launch(int appId, String mode) throws IOException, InterruptedException {
        return launch(appId, mode, LaunchKeys.random());
    }

    /** {@code /launch} with the given keys, which a streaming test needs to decrypt what follows. */
    public Reply launch(int appId, String mode, LaunchKeys keys) throws IOException, InterruptedException {
        return launch(appId, mode, keys, 2, false);
    }

    /**
     * {@code /launch} with the client's audio settings: {@code channels} 2, 6 or 8 (Moonlight's surround setting,
     * sent as the speaker mask and count) and {@code hostPlaysToo} (its "play audio on the host" setting).
     */
    public Reply launch(int appId, String mode, LaunchKeys keys, int channels, boolean hostPlaysToo)
            throws IOException, InterruptedException {
        int mask = switch (channels) {
            case 2 -> 0x3;
            case 6 -> 0x3f;
            case 8 -> 0x63f;
            default -> throw new IllegalArgumentException(channels + " channels");
        };
        return https("/launch", "appid=" + appId + "&mode=" + mode + launchQuery(keys, mask << 16 | channels,
                hostPlaysToo));
    }

    /**
     * {@code /launch} as a client of {@code coreVersion} says it: 0 is a client without encrypted RTSP (the host
     * then names {@code rtsp://}).
     */
    public Reply launchWithCoreVersion(int appId, String mode, LaunchKeys keys, int coreVersion)
            throws IOException, InterruptedException {
        return https("/launch", "appid=" + appId + "&mode=" + mode + launchQuery(keys, STEREO, false)
                .replace("&corever=1", "&corever=" + coreVersion));
    }

    public Reply resume(String mode) throws IOException, InterruptedException {
        return resume(mode, LaunchKeys.random());
    }

    public Reply resume(String mode, LaunchKeys keys) throws IOException, InterruptedException {
        return https("/resume", "appid=0&mode=" + mode + launchQuery(keys, STEREO, false));
    }

    public Reply cancel() throws IOException, InterruptedException {
        return https("/cancel", "");
    }

    /** {@code surroundAudioInfo} for stereo: mask 0x3, two channels. */
    private static final int STEREO = 0x3 << 16 | 2;

    private static String launchQuery(LaunchKeys keys, int surroundAudioInfo, boolean hostPlaysToo) {
        return "&additionalStates=1&sops=0&rikey=" + HEX.formatHex(keys.rikey()) + "&rikeyid=" + keys.rikeyId()
                + "&localAudioPlayMode=" + (hostPlaysToo ? 1 : 0) + "&surroundAudioInfo=" + surroundAudioInfo
                + "&remoteControllersBitmap=1&gcmap=1&corever=1";
    }

    private Reply pairStep(String query) throws IOException, InterruptedException {
        return http("/pair", "devicename=" + deviceName + "&updateState=1&" + query);
    }

    private HttpClient.Builder builder() {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        return localAddress == null ? builder : builder.localAddress(localAddress);
    }

    private static Reply send(HttpClient client, URI uri) throws IOException, InterruptedException {
        return reply(client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray()));
    }

    private static Reply reply(HttpResponse<byte[]> response) {
        return new Reply(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
                response.body());
    }

    private static String common() {
        return "uniqueid=" + UNIQUE_ID + "&uuid=" + UUID.randomUUID();
    }

    private static String and(String query) {
        return query == null || query.isEmpty() ? "" : "&" + query;
    }

    private SSLContext tlsContext() throws IOException {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", identity.key(), new char[0], new Certificate[] {identity.certificate()});
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), new TrustManager[] {new PinnedHost()}, RANDOM);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up the client's TLS", e);
        }
    }

    private static SSLParameters tlsParameters() {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        return parameters;
    }

    /** Accepts the host certificate received in pairing, and before pairing any (the host is not known yet). */
    private final class PinnedHost extends X509ExtendedTrustManager {

        private void check(X509Certificate[] chain) throws CertificateException {
            X509Certificate pinned = hostCertificate;
            if (pinned != null && (chain.length == 0 || !pinned.equals(chain[0]))) {
                throw new CertificateException("the host certificate is not the one received while pairing");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("a client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("a client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    private byte[] sign(byte[] data) throws GeneralSecurityException {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(identity.key());
        rsa.update(data);
        return rsa.sign();
    }

    private static boolean verify(X509Certificate certificate, byte[] data, byte[] signature)
            throws GeneralSecurityException {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(certificate.getPublicKey());
        rsa.update(data);
        return rsa.verify(signature);
    }

    private static byte[] aes(int mode, byte[] key, byte[] data) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"));
        return cipher.doFinal(data);
    }

    private static byte[] sha256(byte[]... parts) throws GeneralSecurityException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static X509Certificate parse(String pem) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
