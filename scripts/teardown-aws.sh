#!/usr/bin/env bash
# Removes a deployment of the registry from AWS: every artifact and image, every resource.
#
#   scripts/teardown-aws.sh                  # asks you to type the stack name to confirm
#   scripts/teardown-aws.sh --yes            # no question (for automation)
#   scripts/teardown-aws.sh --dry-run        # print every step and command; touches nothing
#   scripts/teardown-aws.sh --keep-snapshot  # keep the database's final snapshot
#   scripts/teardown-aws.sh --env-file staging.env
#
# Steps: stop the service (scaling its tasks to zero, so nothing writes while the bucket is
# emptied); empty the artifact bucket (every object version and delete marker; it stops, naming
# them, at objects S3 refuses to delete); lift the database's deletion protection; delete the
# service stack (RDS takes a final snapshot); delete that final snapshot unless --keep-snapshot
# (snapshots taken before the teardown, yours included, are left alone); delete the database's
# log group; delete every image in the repository; delete the repository stack. The CDK
# bootstrap stack stays: other CDK apps in the account may use it.
# Safe to re-run: steps whose resources are already gone are skipped.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib/aws-common.sh"

usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; }

CONFIRMED=false
KEEP_SNAPSHOT=false
teardown_flag() {
  case "$1" in
    --yes) CONFIRMED=true ;;
    --keep-snapshot) KEEP_SNAPSHOT=true ;;
    *) return 1 ;;
  esac
}
parse_flags teardown_flag "$@"

settings
need aws "install the AWS CLI v2 and configure credentials"

if [ "$CONFIRMED" = false ] && [ "$DRY_RUN" = false ]; then
  printf 'This deletes %s in %s: all artifacts, images, the database and its data.\n' "$STACK_NAME" "$AWS_REGION" >&2
  printf 'Type the stack name (%s) to confirm: ' "$STACK_NAME" >&2
  read -r answer || answer=""
  [ "$answer" = "$STACK_NAME" ] || die "not confirmed; nothing was deleted"
fi

if stack_exists "$SERVICE_STACK"; then
  BUCKET=$(stack_output "$SERVICE_STACK" BucketName "$STACK_NAME-bucket")
  DATABASE=$(stack_output "$SERVICE_STACK" DatabaseInstance "$STACK_NAME-db")
  CLUSTER=$(stack_output "$SERVICE_STACK" ClusterName "$STACK_NAME")
  SERVICE=$(stack_output "$SERVICE_STACK" ServiceName "$STACK_NAME")
  # snapshots from here on are the stack's final one; older ones are the operator's
  STARTED=$(date -u +%Y-%m-%dT%H:%M:%S)

  log "stopping the service $SERVICE (autoscaling to 0 tasks) so that nothing writes while the bucket empties"
  run aws application-autoscaling register-scalable-target --service-namespace ecs \
    --resource-id "service/$CLUSTER/$SERVICE" --scalable-dimension ecs:service:DesiredCount \
    --min-capacity 0 --max-capacity 0
  run aws ecs update-service --cluster "$CLUSTER" --service "$SERVICE" --desired-count 0 --output text >/dev/null
  run aws ecs wait services-stable --cluster "$CLUSTER" --services "$SERVICE"

  log "emptying s3://$BUCKET (all versions)"
  while true; do
    BATCH=$(capture '{"Objects":[]}' aws s3api list-object-versions --bucket "$BUCKET" --max-items 1000 \
      --query '{Objects: [Versions, DeleteMarkers][][].{Key: Key, VersionId: VersionId}}' --output json)
    case "$BATCH" in *'"Key"'*) ;; *) break ;; esac
    REFUSED=$(capture '' aws s3api delete-objects --bucket "$BUCKET" --delete "$BATCH" \
      --query 'Errors[].[Key, Code]' --output text)
    if [ -n "$REFUSED" ] && [ "$REFUSED" != None ]; then
      # listing again would find the same objects for ever (Object Lock, a bucket policy, ...)
      die "S3 refused to delete some objects of s3://$BUCKET (key, reason):
$REFUSED
remove the lock or policy that keeps them, then run this again; nothing else was deleted"
    fi
  done
  [ "$DRY_RUN" = false ] || run aws s3api delete-objects --bucket "$BUCKET" --delete '<each batch of 1000 versions>'

  log "lifting deletion protection from $DATABASE"
  run aws rds modify-db-instance --db-instance-identifier "$DATABASE" --no-deletion-protection \
    --apply-immediately --output text >/dev/null

  log "deleting stack $SERVICE_STACK (several minutes: the database takes a final snapshot)"
  run aws cloudformation delete-stack --stack-name "$SERVICE_STACK"
  run aws cloudformation wait stack-delete-complete --stack-name "$SERVICE_STACK"

  if [ "$KEEP_SNAPSHOT" = false ]; then
    SNAPSHOTS=$(capture "$DATABASE-final-snapshot $STARTED" aws rds describe-db-snapshots \
      --db-instance-identifier "$DATABASE" --snapshot-type manual \
      --query 'DBSnapshots[].[DBSnapshotIdentifier, SnapshotCreateTime]' --output text)
    # ISO-8601 times in UTC compare as text
    for snapshot in $(printf '%s\n' "$SNAPSHOTS" | awk -v since="$STARTED" '$2 >= since { print $1 }'); do
      log "deleting the final snapshot $snapshot"
      run aws rds delete-db-snapshot --db-snapshot-identifier "$snapshot" --output text >/dev/null
    done
  fi

  log "deleting the database's log group"
  run aws logs delete-log-group --log-group-name "/aws/rds/instance/$DATABASE/postgresql" \
    || log "no log group /aws/rds/instance/$DATABASE/postgresql (RDS had written no log): nothing to delete"
else
  log "stack $SERVICE_STACK is already gone"
fi

if stack_exists "$REPOSITORY_STACK"; then
  log "deleting every image in repository $STACK_NAME"
  while true; do
    IMAGES=$(capture '[]' aws ecr list-images --repository-name "$STACK_NAME" --max-items 100 \
      --query 'imageIds' --output json)
    case "$IMAGES" in *'"image'*) ;; *) break ;; esac
    run aws ecr batch-delete-image --repository-name "$STACK_NAME" --image-ids "$IMAGES" --output text >/dev/null
  done
  [ "$DRY_RUN" = false ] || run aws ecr batch-delete-image --repository-name "$STACK_NAME" --image-ids '<each batch>'

  log "deleting stack $REPOSITORY_STACK"
  run aws cloudformation delete-stack --stack-name "$REPOSITORY_STACK"
  run aws cloudformation wait stack-delete-complete --stack-name "$REPOSITORY_STACK"
else
  log "stack $REPOSITORY_STACK is already gone"
fi

log "$STACK_NAME is removed from $AWS_REGION"
