/**
 * Creates the stateful resources in the local emulators from the same definition CDK uses.
 * Every function is idempotent so scripts and tests can call them on every start.
 */
import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand, PutBucketCorsCommand, type S3Client } from "@aws-sdk/client-s3";
import { TABLE } from "../table-definition.ts";

export async function createTable(client: DynamoDBClient, name: string): Promise<void> {
  const keyNames = [
    TABLE.partitionKey,
    TABLE.sortKey,
    ...TABLE.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  const attributeDefinitions: AttributeDefinition[] = [...new Set<string>(keyNames)].map((AttributeName) => ({
    AttributeName,
    AttributeType: "S",
  }));
  try {
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: attributeDefinitions,
        KeySchema: [
          { AttributeName: TABLE.partitionKey, KeyType: "HASH" },
          { AttributeName: TABLE.sortKey, KeyType: "RANGE" },
        ],
        GlobalSecondaryIndexes: TABLE.indexes.map((i) => ({
          IndexName: i.indexName,
          KeySchema: [
            { AttributeName: i.partitionKey, KeyType: "HASH" },
            { AttributeName: i.sortKey, KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        })),
        StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
      }),
    );
  } catch (err) {
    // Exists already (earlier run with on-disk data): fine, it was made from the same definition.
    if (!(err instanceof ResourceInUseException)) throw err;
  }
  await waitForActive(client, name);
  // Setting TTL again when it is already on fails with a ValidationException; check first.
  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
  const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
  if (status !== "ENABLED" && status !== "ENABLING") {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: name,
        TimeToLiveSpecification: { AttributeName: TABLE.timeToLiveAttribute, Enabled: true },
      }),
    );
  }
}

async function waitForActive(client: DynamoDBClient, name: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === "ACTIVE");
    if (Table?.TableStatus === "ACTIVE" && indexesActive) return;
    if (Date.now() > deadline) throw new Error(`table ${name} not ACTIVE after 30 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function createBucket(client: S3Client, name: string): Promise<void> {
  try {
    await client.send(new CreateBucketCommand({ Bucket: name }));
  } catch (err) {
    // s3rver answers BucketAlreadyExists for its own buckets; AWS says BucketAlreadyOwnedByYou.
    const code = err instanceof Error ? err.name : "";
    if (code !== "BucketAlreadyExists" && code !== "BucketAlreadyOwnedByYou") throw err;
  }
}

/**
 * Local only: lets a browser on any origin upload with a presigned POST. On AWS the CDK stack sets
 * the bucket's CORS to the real web origin instead.
 */
export async function allowAllCors(client: S3Client, name: string): Promise<void> {
  await client.send(
    new PutBucketCorsCommand({
      Bucket: name,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: ["*"],
            AllowedMethods: ["GET", "PUT", "POST", "HEAD"],
            AllowedHeaders: ["*"],
            ExposeHeaders: ["ETag"],
            MaxAgeSeconds: 3000,
          },
        ],
      },
    }),
  );
}
