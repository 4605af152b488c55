package io.trustregistry.infra;

import java.util.List;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.rds.StorageType;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * Where the registry keeps things: the artifact bucket (versioned, encrypted, private, tiered
 * to cheaper storage as files age), the PostgreSQL catalog (encrypted, backed up, in isolated
 * subnets, its password generated into Secrets Manager) and the token-signing secret.
 */
final class DataStores extends Construct {

    static final String DATABASE_NAME = "registry";
    static final String DATABASE_USER = "registry";

    final Bucket artifacts;
    final DatabaseInstance database;
    final Secret jwtSecret;

    DataStores(Construct scope, String id, DeploymentSettings settings, Network network) {
        super(scope, id);
        artifacts = Bucket.Builder.create(this, "Artifacts")
                .versioned(true)
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("cheaper-storage-as-artifacts-age")
                        .transitions(List.of(
                                Transition.builder().storageClass(StorageClass.INFREQUENT_ACCESS)
                                        .transitionAfter(Duration.days(30)).build(),
                                Transition.builder().storageClass(StorageClass.GLACIER_INSTANT_RETRIEVAL)
                                        .transitionAfter(Duration.days(90)).build()))
                        // deleted or overwritten files stay recoverable for a month, then go
                        .noncurrentVersionExpiration(Duration.days(30))
                        .abortIncompleteMultipartUploadAfter(Duration.days(7))
                        .build()))
                // the teardown script empties the bucket (every version) before the stack deletes it
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        database = DatabaseInstance.Builder.create(this, "Database")
                .engine(DatabaseInstanceEngine.postgres(PostgresInstanceEngineProps.builder()
                        .version(PostgresEngineVersion.VER_16).build()))
                .instanceType(InstanceType.of(InstanceClass.BURSTABLE4_GRAVITON, InstanceSize.MICRO))
                .vpc(network.vpc)
                .vpcSubnets(SubnetSelection.builder().subnetGroupName(Network.DATABASE_SUBNETS).build())
                .securityGroups(List.of(network.database))
                .publiclyAccessible(false)
                .credentials(Credentials.fromGeneratedSecret(DATABASE_USER))
                .databaseName(DATABASE_NAME)
                .storageEncrypted(true)
                .storageType(StorageType.GP3)
                .allocatedStorage(20)
                .maxAllocatedStorage(100)
                .backupRetention(Duration.days(7))
                .multiAz(settings.multiAzDatabase())
                .deletionProtection(settings.deletionProtection())
                .autoMinorVersionUpgrade(true)
                .cloudwatchLogsExports(List.of("postgresql"))
                // a final snapshot survives even a teardown
                .removalPolicy(RemovalPolicy.SNAPSHOT)
                .build();

        jwtSecret = Secret.Builder.create(this, "JwtSecret")
                .description("HS256 key that signs the registry's access tokens; shared by every task")
                .generateSecretString(SecretStringGenerator.builder()
                        .passwordLength(64).excludePunctuation(true).build())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Nag.suppress(artifacts, "AwsSolutions-S1", "every read and write of an artifact is audited by the registry"
                + " itself (its audit trail and access log); server access logs would need a bucket of their own");
        Nag.suppress(database, "AwsSolutions-RDS11", "the default port: only the tasks' security group reaches the"
                + " database, in subnets with no route out; another port hides nothing");
        if (!settings.multiAzDatabase()) {
            Nag.suppress(database, "AwsSolutions-RDS3", "a standby doubles the database's cost; DB_MULTI_AZ=true"
                    + " turns it on (docs/aws-deployment.md, Costs)");
        }
        Nag.suppress(database, "AwsSolutions-SMG4", "the tasks read the password at start, so a rotation needs every"
                + " task restarted with it; rotate by the procedure in docs/operations.md");
        Nag.suppress(jwtSecret, "AwsSolutions-SMG4", "rotating the token key signs every user out; rotate by the"
                + " procedure in docs/operations.md (Users, tokens and keys)");
    }
}
