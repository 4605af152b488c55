#!/usr/bin/env bash
# Deploys the registry to AWS, or updates a deployment: idempotent, safe to re-run at any point.
#
#   scripts/deploy-to-aws.sh              # deploy with the settings in .env.aws
#   scripts/deploy-to-aws.sh --dry-run    # print every step and command; touches no AWS account
#   scripts/deploy-to-aws.sh --env-file staging.env
#
# Steps: build the CDK app; bootstrap CDK in the account/region (once); deploy the image
# repository stack; build and push the image tagged with the git commit (skipped when that tag
# is already in ECR: tags are immutable); deploy the service stack with that tag (ECS rolls the
# new task definition out and rolls back by itself if it fails its health checks); wait until
# the service is stable; smoke-test /health and /authenticate; print a summary.
# Needs: the AWS CLI v2 with credentials, Java 21+, Node.js (npx), docker or podman, curl.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib/aws-common.sh"

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; }

no_own_flags() { return 1; }
parse_flags no_own_flags "$@"

settings
: "${ALERT_EMAIL:?ALERT_EMAIL must be set: alarms and budget alerts go there}"
need aws "install the AWS CLI v2 and configure credentials"
need npx "install Node.js 18 or newer"
need curl "install curl"
CONTAINER_TOOL=${CONTAINER_TOOL:-$(command -v docker >/dev/null 2>&1 && echo docker || echo podman)}
need "$CONTAINER_TOOL" "install docker or podman"
read -r -a CDK <<< "$CDK_CLI"
cd "$REPO_ROOT"
# the CDK CLI finds the app through infra/cdk.json
cdk() { (cd "$REPO_ROOT/infra" && run "${CDK[@]}" "$@"); }

log "account and region"
ACCOUNT=$(capture 123456789012 aws sts get-caller-identity --query Account --output text)
export CDK_DEFAULT_ACCOUNT="$ACCOUNT" CDK_DEFAULT_REGION="$AWS_REGION"
log "deploying $STACK_NAME to account $ACCOUNT in $AWS_REGION"

TAG=$(git rev-parse --short=12 HEAD)
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  # immutable tags: an uncommitted build gets a tag of its own
  TAG="$TAG-dirty-$(date -u +%Y%m%d%H%M%S)"
fi
export REGISTRY_IMAGE_TAG="$TAG"

log "building the infrastructure app"
run ./mvnw -q -B -pl infra -am package -DskipTests

if [ "${CDK_BOOTSTRAP:-true}" = true ]; then
  # CloudFormation acts with this policy instead of the bootstrap's default AdministratorAccess:
  # the services the stacks use, and IAM only on roles and policies named after the stacks
  POLICY="$STACK_NAME-cfn-execution"
  POLICY_ARN="arn:aws:iam::$ACCOUNT:policy/$POLICY"
  POLICY_DOCUMENT=$(sed "s/STACK_NAME/$STACK_NAME/g" "$REPO_ROOT/infra/bootstrap/cfn-execution-policy.json")
  if [ "$DRY_RUN" = false ] && aws iam get-policy --policy-arn "$POLICY_ARN" >/dev/null 2>&1; then
    log "CloudFormation execution policy $POLICY: a new version"
    # IAM keeps at most five versions: the old ones go first
    for version in $(aws iam list-policy-versions --policy-arn "$POLICY_ARN" \
        --query 'Versions[?!IsDefaultVersion].VersionId' --output text); do
      run aws iam delete-policy-version --policy-arn "$POLICY_ARN" --version-id "$version"
    done
    run aws iam create-policy-version --policy-arn "$POLICY_ARN" --set-as-default \
      --policy-document "$POLICY_DOCUMENT" >/dev/null
  else
    log "CloudFormation execution policy $POLICY"
    run aws iam create-policy --policy-name "$POLICY" --policy-document "$POLICY_DOCUMENT" >/dev/null
  fi
  log "CDK bootstrap (no-op when already done)"
  cdk bootstrap "aws://$ACCOUNT/$AWS_REGION" --cloudformation-execution-policies "$POLICY_ARN"
else
  log "CDK bootstrap skipped (CDK_BOOTSTRAP=false: done once by an administrator)"
fi

log "image repository stack $REPOSITORY_STACK"
cdk deploy "$REPOSITORY_STACK" --require-approval never
REGISTRY_HOST="$ACCOUNT.dkr.ecr.$AWS_REGION.amazonaws.com"
IMAGE="$REGISTRY_HOST/$STACK_NAME:$TAG"

if [ "$DRY_RUN" = false ] && aws ecr describe-images --repository-name "$STACK_NAME" \
     --image-ids "imageTag=$TAG" >/dev/null 2>&1; then
  log "image $IMAGE already in ECR"
else
  log "building and pushing $IMAGE"
  # the task runs on X86_64: an image built on an ARM laptop without this would not start there
  run "$CONTAINER_TOOL" build --platform linux/amd64 --tag "$IMAGE" .
  if [ "$DRY_RUN" = true ]; then
    # no pipe in a dry run: its printing side would race the other's exit (SIGPIPE)
    run aws ecr get-login-password
    run "$CONTAINER_TOOL" login --username AWS --password-stdin "$REGISTRY_HOST"
  else
    aws ecr get-login-password | "$CONTAINER_TOOL" login --username AWS --password-stdin "$REGISTRY_HOST"
  fi
  run "$CONTAINER_TOOL" push "$IMAGE"
fi

if [ -n "${GITHUB_DEPLOY_REPOSITORY:-}" ] && [ "${CDK_BOOTSTRAP:-true}" = true ]; then
  log "GitHub OIDC deploy role for $GITHUB_DEPLOY_REPOSITORY"
  cdk deploy "$STACK_NAME-github-deploy" --require-approval never
fi

log "service stack $SERVICE_STACK with image tag $TAG"
cdk deploy "$SERVICE_STACK" --require-approval never

URL=$(stack_output "$SERVICE_STACK" ServiceUrl "http://registry-alb.$AWS_REGION.elb.amazonaws.com")
CLUSTER=$(stack_output "$SERVICE_STACK" ClusterName "$STACK_NAME")
SERVICE=$(stack_output "$SERVICE_STACK" ServiceName "$STACK_NAME")

log "waiting for the service to be stable"
run aws ecs wait services-stable --cluster "$CLUSTER" --services "$SERVICE"

log "smoke tests"
json_string() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }
SMOKE_USER=${SMOKE_USER:-ece30861defaultadminuser}
SMOKE_PASSWORD=${SMOKE_PASSWORD:-"correcthorsebatterystaple123(!__+@**(A'\"\`;DROP TABLE packages;"}
AUTH_BODY="{\"user\":{\"name\":$(json_string "$SMOKE_USER"),\"is_admin\":true},\"secret\":{\"password\":$(json_string "$SMOKE_PASSWORD")}}"
# a domain's record may not resolve yet (or not be made: without a hosted zone the operator
# makes it), so a domain is reached at the balancer, still checking its certificate against the name
BALANCER=$(stack_output "$SERVICE_STACK" LoadBalancerDns "registry-alb.$AWS_REGION.elb.amazonaws.com")
CURL_TO=()
case "$URL" in
  https://*) HOST=${URL#https://}; CURL_TO=(--connect-to "$HOST:443:$BALANCER:443") ;;
esac
run curl -fsS ${CURL_TO[@]+"${CURL_TO[@]}"} --retry 10 --retry-delay 6 --retry-all-errors "$URL/health"
[ "$DRY_RUN" = true ] || echo
# the body goes through stdin so that no password shows in a process list or a dry run
if [ "$DRY_RUN" = true ]; then
  TOKEN=$(capture "bearer <token>" curl -fsS -X PUT -H 'Content-Type: application/json' --data-binary @- \
    "$URL/authenticate")
else
  TOKEN=$(printf '%s' "$AUTH_BODY" | curl -fsS ${CURL_TO[@]+"${CURL_TO[@]}"} -X PUT -H 'Content-Type: application/json' \
    --data-binary @- "$URL/authenticate")
fi
case "$TOKEN" in
  *bearer*) log "/authenticate issued a token" ;;
  *) die "/authenticate did not answer with a token: $TOKEN" ;;
esac

DASHBOARD=$(stack_output "$SERVICE_STACK" Dashboard "$STACK_NAME")
LOGS=$(stack_output "$SERVICE_STACK" LogGroup "/ecs/$STACK_NAME")
BUCKET=$(stack_output "$SERVICE_STACK" BucketName "$STACK_NAME-bucket")
DATABASE=$(stack_output "$SERVICE_STACK" DatabaseInstance "$STACK_NAME-db")
cat <<SUMMARY

Deployed $STACK_NAME ($TAG) to $ACCOUNT / $AWS_REGION
  API:        $URL
  Balancer:   $BALANCER   (a domain without a hosted zone: point it here, as an alias or CNAME)
  API docs:   $URL/docs   (the description: $URL/openapi)
  Health:     $URL/health   (details: $URL/health?detailed=true)
  Dashboard:  https://$AWS_REGION.console.aws.amazon.com/cloudwatch/home?region=$AWS_REGION#dashboards:name=$DASHBOARD
  Logs:       $LOGS
  ECS:        cluster $CLUSTER, service $SERVICE
  Data:       bucket $BUCKET, database $DATABASE
  Image:      $IMAGE
SUMMARY
case "$URL" in
  http://*)
    echo
    echo "  WARNING: $URL is plain HTTP: passwords and tokens cross the internet in clear text."
    echo "  Set DOMAIN_NAME (and HOSTED_ZONE_ID or CERTIFICATE_ARN) for HTTPS; anyone can sign in as the"
    echo "  contract's default administrator (docs/aws-deployment.md, \"The default administrator\")."
    ;;
esac
if [ -n "${GITHUB_DEPLOY_REPOSITORY:-}" ] && [ "${CDK_BOOTSTRAP:-true}" = true ]; then
  ROLE=$(stack_output "$STACK_NAME-github-deploy" DeployRoleArn "arn:aws:iam::$ACCOUNT:role/$STACK_NAME-github-deploy")
  echo "  CI/CD:      set the GitHub variable AWS_DEPLOY_ROLE_ARN=$ROLE"
fi
