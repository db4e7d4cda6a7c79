package io.hearth.documents.internal;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Signature Version 4 against AWS's worked example ("Example: GET Object", header-based authentication, S3). */
class SigV4Test {

    @Test
    void signsAwsOwnGetObjectExampleAsAwsDoes() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "examplebucket.s3.amazonaws.com");
        headers.put("Range", "bytes=0-9");
        headers.put("x-amz-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        headers.put("x-amz-date", "20130524T000000Z");

        String authorization = SigV4.authorization("GET", "/test.txt", "", headers, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1", "s3", Instant.parse("2013-05-24T00:00:00Z"));

        assertThat(authorization).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void encodesAPathSegmentBySegment() {
        assertThat(SigV4.encodePath("/bucket/a b/ü+x.pdf")).isEqualTo("/bucket/a%20b/%C3%BC%2Bx.pdf");
    }
}
