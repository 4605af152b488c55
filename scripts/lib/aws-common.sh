# Shared by deploy-to-aws.sh and teardown-aws.sh: settings, dry-run execution, small helpers.
# shellcheck shell=bash

DRY_RUN=false
ENV_FILE=""

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Reads the flags every script takes (--dry-run, --env-file FILE, -h/--help) and hands any
# other to the script's own function, which returns non-zero for a flag it does not know:
#   parse_flags own_flag "$@"      (the script defines usage and own_flag)
parse_flags() {
  local own=$1
  shift
  while [ $# -gt 0 ]; do
    case "$1" in
      --dry-run) DRY_RUN=true ;;
      --env-file) ENV_FILE=${2:?--env-file needs a file}; shift ;;
      -h|--help) usage; exit 0 ;;
      *) "$own" "$1" || { usage >&2; die "unknown argument: $1"; } ;;
    esac
    shift
  done
}

# Runs a command, or in dry-run mode prints it (quoted so it can be copied) and runs nothing.
run() {
  if [ "$DRY_RUN" = true ]; then
    printf '[dry-run]' >&2
    printf ' %q' "$@" >&2
    printf '\n' >&2
    return 0
  fi
  "$@"
}

# Like run, but captures output; in dry-run mode prints the command and outputs $1 instead.
capture() {
  local placeholder=$1
  shift
  if [ "$DRY_RUN" = true ]; then
    printf '[dry-run]' >&2
    printf ' %q' "$@" >&2
    printf '\n' >&2
    printf '%s\n' "$placeholder"
    return 0
  fi
  "$@"
}

need() {
  if [ "$DRY_RUN" = true ]; then
    return 0
  fi
  command -v "$1" >/dev/null 2>&1 || die "$1 is required: $2"
}

# Reads KEY=VALUE lines (no shell evaluation: values are taken literally) and exports them,
# without overriding variables already set in the environment.
load_env_file() {
  local file=$1 line key value
  [ -f "$file" ] || die "no settings file $file (copy .env.aws.template to .env.aws and fill it in)"
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in ''|'#'*) continue ;; esac
    key=${line%%=*}
    value=${line#*=}
    [[ "$key" =~ ^[A-Z_][A-Z0-9_]*$ ]] || die "$file: not a KEY=VALUE line: $line"
    if [ -z "${!key+x}" ]; then
      export "$key=$value"
    fi
  done < "$file"
}

settings() {
  REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  load_env_file "${ENV_FILE:-$REPO_ROOT/.env.aws}"
  : "${AWS_REGION:?AWS_REGION must be set in the settings file}"
  export AWS_REGION AWS_DEFAULT_REGION="$AWS_REGION"
  STACK_NAME=${REGISTRY_STACK_NAME:-trust-registry}
  export REGISTRY_STACK_NAME="$STACK_NAME"
  # shellcheck disable=SC2034 # used by the scripts that source this file
  REPOSITORY_STACK="$STACK_NAME-repository"
  # shellcheck disable=SC2034
  SERVICE_STACK="$STACK_NAME-service"
  # pinned: an unpinned CLI changes under a deploy (the CDK CLI is versioned apart from aws-cdk-lib
  # since 2.1000 and reads the assemblies of every aws-cdk-lib release up to its own)
  CDK_CLI=${CDK_CLI:-npx --yes aws-cdk@2.1148.1}
}

# One output value of a deployed CloudFormation stack.
stack_output() {
  local stack=$1 key=$2 placeholder=$3
  capture "$placeholder" aws cloudformation describe-stacks --stack-name "$stack" \
    --query "Stacks[0].Outputs[?OutputKey=='$key'].OutputValue" --output text
}

# Whether a stack exists (in dry-run mode: assume it does, so every step is shown).
stack_exists() {
  if [ "$DRY_RUN" = true ]; then
    return 0
  fi
  aws cloudformation describe-stacks --stack-name "$1" >/dev/null 2>&1
}
