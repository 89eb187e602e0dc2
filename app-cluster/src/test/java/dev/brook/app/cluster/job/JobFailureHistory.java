package dev.brook.app.cluster.job;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The failures that made a job fail over, oldest first, from the cluster's REST API (the job's exception
 * history, also kept for finished jobs): each entry's exception name and message, concurrent ones merged.
 * A job that restarted without a test asking for it shows here even when its results came out right.
 */
final class JobFailureHistory {

    private JobFailureHistory() {
    }

    static List<String> of(Configuration clusterClient, JobID job) throws IOException, InterruptedException {
        URI restAddress = URI.create("http://" + clusterClient.get(RestOptions.ADDRESS) + ":" + clusterClient.get(RestOptions.PORT));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(restAddress.resolve("/jobs/" + job + "/exceptions")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /jobs/" + job + "/exceptions answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode entries = new ObjectMapper().readTree(response.body()).path("exceptionHistory").path("entries");
        List<String> failures = new ArrayList<>();
        entries.forEach(entry -> failures.add(firstLine(entry.path("stacktrace").asText(entry.path("exceptionName").asText()))));
        Collections.reverse(failures); // the REST API lists the newest first
        return failures;
    }

    private static String firstLine(String stackTrace) {
        int end = stackTrace.indexOf('\n');
        return end < 0 ? stackTrace : stackTrace.substring(0, end);
    }
}
