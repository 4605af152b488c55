package io.trustregistry.core.model;

/**
 * Review coverage measured on a sample of a repository's recently merged pull requests.
 *
 * @param mergedPullRequests merged pull requests examined
 * @param reviewedPullRequests of those, how many were reviewed by someone other than the author
 * @param additions          lines added by the examined pull requests
 * @param reviewedAdditions  lines added by the reviewed ones
 */
public record ReviewSample(int mergedPullRequests, int reviewedPullRequests, long additions, long reviewedAdditions) {
    public ReviewSample {
        if (mergedPullRequests < 0 || reviewedPullRequests < 0 || reviewedPullRequests > mergedPullRequests
                || additions < 0 || reviewedAdditions < 0 || reviewedAdditions > additions) {
            throw new IllegalArgumentException("inconsistent review sample");
        }
    }
}
