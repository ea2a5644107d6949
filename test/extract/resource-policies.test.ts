/**
 * Every resource-policy row of the table, each with a realistic template: kind, what the policy
 * protects, its statements and where they point.
 */
import { POLICY_TABLE } from '../../src/extract';
import { extractTemplate, onlyPolicy, summary } from './extract-template';

interface Case {
  type: string;
  resources: string;
  /** The resource holding the policy. */
  id: string;
  /** The property the policy is read from. */
  property: string;
  protects: { resourceType: string; logicalId?: string };
  statements: string[];
}

const CASES: Case[] = [
  {
    type: 'AWS::S3::BucketPolicy',
    resources: `
  Data:
    Type: AWS::S3::Bucket
  DataPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Data
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: DenyInsecureTransport
            Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: [!GetAtt Data.Arn, !Sub '\${Data.Arn}/*']
            Condition:
              Bool: {aws:SecureTransport: 'false'}`,
    id: 'DataPolicy',
    property: 'PolicyDocument',
    protects: { resourceType: 'AWS::S3::Bucket', logicalId: 'Data' },
    statements: ['Deny actions=s3:* resources=arn:{AWS::Partition}:s3:::{Data},arn:{AWS::Partition}:s3:::{Data}/* principals=* conditions=Bool:aws:SecureTransport=false'],
  },
  {
    type: 'AWS::S3::AccessPoint',
    resources: `
  Reports:
    Type: AWS::S3::AccessPoint
    Properties:
      Bucket: reports-bucket
      Policy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {AWS: 'arn:aws:iam::111122223333:role/analyst'}
            Action: s3:GetObject
            Resource: !Sub 'arn:aws:s3:\${AWS::Region}:\${AWS::AccountId}:accesspoint/reports/object/*'`,
    id: 'Reports',
    property: 'Policy',
    protects: { resourceType: 'AWS::S3::AccessPoint', logicalId: 'Reports' },
    statements: ['Allow actions=s3:GetObject resources=arn:aws:s3:{AWS::Region}:{AWS::AccountId}:accesspoint/reports/object/* principals=arn:arn:aws:iam::111122223333:role/analyst'],
  },
  {
    type: 'AWS::S3::MultiRegionAccessPointPolicy',
    resources: `
  GlobalPolicy:
    Type: AWS::S3::MultiRegionAccessPointPolicy
    Properties:
      MrapName: global-data
      Policy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {AWS: !Ref AWS::AccountId}
            Action: s3:GetObject
            Resource: !Sub 'arn:aws:s3::\${AWS::AccountId}:accesspoint/global-data.mrap/object/*'`,
    id: 'GlobalPolicy',
    property: 'Policy',
    protects: { resourceType: 'AWS::S3::MultiRegionAccessPoint' },
    statements: ['Allow actions=s3:GetObject resources=arn:aws:s3::{AWS::AccountId}:accesspoint/global-data.mrap/object/* principals=account:{AWS::AccountId}'],
  },
  {
    type: 'AWS::S3Express::BucketPolicy',
    resources: `
  Express:
    Type: AWS::S3Express::BucketPolicy
    Properties:
      Bucket: fast--use1-az4--x-s3
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {AWS: '444455556666'}
            Action: s3express:CreateSession
            Resource: arn:aws:s3express:us-east-1:111122223333:bucket/fast--use1-az4--x-s3`,
    id: 'Express',
    property: 'PolicyDocument',
    protects: { resourceType: 'AWS::S3Express::DirectoryBucket' },
    statements: ['Allow actions=s3express:CreateSession resources=arn:aws:s3express:us-east-1:111122223333:bucket/fast--use1-az4--x-s3 principals=account:444455556666'],
  },
  {
    type: 'AWS::S3Express::AccessPoint',
    resources: `
  ExpressPoint:
    Type: AWS::S3Express::AccessPoint
    Properties:
      Bucket: fast--use1-az4--x-s3
      Policy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: s3express:CreateSession
            Resource: '*'`,
    id: 'ExpressPoint',
    property: 'Policy',
    protects: { resourceType: 'AWS::S3Express::AccessPoint', logicalId: 'ExpressPoint' },
    statements: ['Allow actions=s3express:CreateSession resources=* principals=*'],
  },
  {
    type: 'AWS::S3Outposts::BucketPolicy',
    resources: `
  OutpostPolicy:
    Type: AWS::S3Outposts::BucketPolicy
    Properties:
      Bucket: arn:aws:s3-outposts:us-east-1:111122223333:outpost/op-01ac5d28a6a232904/bucket/edge
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {AWS: arn:aws:iam::111122223333:root}
            Action: s3-outposts:GetObject
            Resource: arn:aws:s3-outposts:us-east-1:111122223333:outpost/op-01ac5d28a6a232904/bucket/edge/object/*`,
    id: 'OutpostPolicy',
    property: 'PolicyDocument',
    protects: { resourceType: 'AWS::S3Outposts::Bucket' },
    statements: [
      'Allow actions=s3-outposts:GetObject resources=arn:aws:s3-outposts:us-east-1:111122223333:outpost/op-01ac5d28a6a232904/bucket/edge/object/* principals=account:111122223333',
    ],
  },
  {
    type: 'AWS::S3Outposts::AccessPoint',
    resources: `
  OutpostPoint:
    Type: AWS::S3Outposts::AccessPoint
    Properties:
      Bucket: arn:aws:s3-outposts:us-east-1:111122223333:outpost/op-01ac5d28a6a232904/bucket/edge
      Name: edge-ap
      VpcConfiguration: {VpcId: vpc-0a1b2c3d}
      Policy:
        Statement:
          - Effect: Allow
            Principal: {AWS: '111122223333'}
            Action: s3-outposts:ListBucket
            Resource: '*'`,
    id: 'OutpostPoint',
    property: 'Policy',
    protects: { resourceType: 'AWS::S3Outposts::AccessPoint', logicalId: 'OutpostPoint' },
    statements: ['Allow actions=s3-outposts:ListBucket resources=* principals=account:111122223333'],
  },
  {
    type: 'AWS::S3ObjectLambda::AccessPointPolicy',
    resources: `
  ObjectLambdaPolicy:
    Type: AWS::S3ObjectLambda::AccessPointPolicy
    Properties:
      ObjectLambdaAccessPoint: redacting-ap
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {AWS: arn:aws:iam::111122223333:role/reader}
            Action: s3-object-lambda:GetObject
            Resource: arn:aws:s3-object-lambda:us-east-1:111122223333:accesspoint/redacting-ap`,
    id: 'ObjectLambdaPolicy',
    property: 'PolicyDocument',
    protects: { resourceType: 'AWS::S3ObjectLambda::AccessPoint' },
    statements: [
      'Allow actions=s3-object-lambda:GetObject resources=arn:aws:s3-object-lambda:us-east-1:111122223333:accesspoint/redacting-ap principals=arn:arn:aws:iam::111122223333:role/reader',
    ],
  },
  {
    type: 'AWS::S3Tables::TableBucketPolicy',
    resources: `
  Tables:
    Type: AWS::S3Tables::TableBucket
    Properties: {TableBucketName: analytics}
  TablesPolicy:
    Type: AWS::S3Tables::TableBucketPolicy
    Properties:
      TableBucketARN: !GetAtt Tables.TableBucketARN
      ResourcePolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {AWS: '111122223333'}
            Action: ['s3tables:GetTable', 's3tables:GetTableData']
            Resource: '*'`,
    id: 'TablesPolicy',
    property: 'ResourcePolicy',
    protects: { resourceType: 'AWS::S3Tables::TableBucket', logicalId: 'Tables' },
    statements: ['Allow actions=s3tables:GetTable,s3tables:GetTableData resources=* principals=account:111122223333'],
  },
  {
    type: 'AWS::S3Tables::TablePolicy',
    resources: `
  OrdersTablePolicy:
    Type: AWS::S3Tables::TablePolicy
    Properties:
      TableARN: arn:aws:s3tables:us-east-1:111122223333:bucket/analytics/table/orders
      ResourcePolicy:
        Statement:
          - Effect: Allow
            Principal: {AWS: '444455556666'}
            Action: s3tables:GetTableData
            Resource: '*'`,
    id: 'OrdersTablePolicy',
    property: 'ResourcePolicy',
    protects: { resourceType: 'AWS::S3Tables::Table' },
    statements: ['Allow actions=s3tables:GetTableData resources=* principals=account:444455556666'],
  },
  {
    type: 'AWS::S3Vectors::VectorBucketPolicy',
    resources: `
  VectorsPolicy:
    Type: AWS::S3Vectors::VectorBucketPolicy
    Properties:
      VectorBucketArn: arn:aws:s3vectors:us-east-1:111122223333:bucket/embeddings
      Policy:
        Statement:
          - Effect: Allow
            Principal: {AWS: '444455556666'}
            Action: s3vectors:QueryVectors
            Resource: '*'`,
    id: 'VectorsPolicy',
    property: 'Policy',
    protects: { resourceType: 'AWS::S3Vectors::VectorBucket' },
    statements: ['Allow actions=s3vectors:QueryVectors resources=* principals=account:444455556666'],
  },
  {
    type: 'AWS::SQS::QueuePolicy',
    resources: `
  Jobs:
    Type: AWS::SQS::Queue
  Uploads:
    Type: AWS::SNS::Topic
  JobsPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Jobs]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Service: sns.amazonaws.com}
            Action: sqs:SendMessage
            Resource: !GetAtt Jobs.Arn
            Condition:
              ArnEquals: {aws:SourceArn: !Ref Uploads}`,
    id: 'JobsPolicy',
    property: 'PolicyDocument',
    protects: { resourceType: 'AWS::SQS::Queue', logicalId: 'Jobs' },
    statements: [
      'Allow actions=sqs:SendMessage resources=arn:{AWS::Partition}:sqs:{AWS::Region}:{AWS::AccountId}:{Jobs} principals=service:sns.amazonaws.com conditions=ArnEquals:aws:SourceArn=arn:{AWS::Partition}:sns:{AWS::Region}:{AWS::AccountId}:{Uploads}',
    ],
  },
  {
    type: 'AWS::SQS::QueueInlinePolicy',
    resources: `
  Jobs:
    Type: AWS::SQS::Queue
  JobsInline:
    Type: AWS::SQS::QueueInlinePolicy
    Properties:
      Queue: !Ref Jobs
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root'}
            Action: sqs:ReceiveMessage
            Resource: !GetAtt Jobs.Arn`,
    id: 'JobsInline',
    property: 'PolicyDocument',
    protects: { resourceType: 'AWS::SQS::Queue', logicalId: 'Jobs' },
    statements: ['Allow actions=sqs:ReceiveMessage resources=arn:{AWS::Partition}:sqs:{AWS::Region}:{AWS::AccountId}:{Jobs} principals=account:{AWS::AccountId}'],
  },
  {
    type: 'AWS::SNS::TopicPolicy',
    resources: `
  Alerts:
    Type: AWS::SNS::Topic
  AlertsPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [!Ref Alerts]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: events.amazonaws.com}
            Action: sns:Publish
            Resource: !Ref Alerts`,
    id: 'AlertsPolicy',
    property: 'PolicyDocument',
    protects: { resourceType: 'AWS::SNS::Topic', logicalId: 'Alerts' },
    statements: ['Allow actions=sns:Publish resources=arn:{AWS::Partition}:sns:{AWS::Region}:{AWS::AccountId}:{Alerts} principals=service:events.amazonaws.com'],
  },
  {
    type: 'AWS::SNS::TopicInlinePolicy',
    resources: `
  Alerts:
    Type: AWS::SNS::Topic
  AlertsInline:
    Type: AWS::SNS::TopicInlinePolicy
    Properties:
      TopicArn: !Ref Alerts
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: cloudwatch.amazonaws.com}
            Action: sns:Publish
            Resource: !Ref Alerts`,
    id: 'AlertsInline',
    property: 'PolicyDocument',
    protects: { resourceType: 'AWS::SNS::Topic', logicalId: 'Alerts' },
    statements: ['Allow actions=sns:Publish resources=arn:{AWS::Partition}:sns:{AWS::Region}:{AWS::AccountId}:{Alerts} principals=service:cloudwatch.amazonaws.com'],
  },
  {
    type: 'AWS::KMS::Key',
    resources: `
  DataKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Sid: EnableRootAccess
            Effect: Allow
            Principal: {AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root'}
            Action: 'kms:*'
            Resource: '*'`,
    id: 'DataKey',
    property: 'KeyPolicy',
    protects: { resourceType: 'AWS::KMS::Key', logicalId: 'DataKey' },
    statements: ['Allow actions=kms:* resources=* principals=account:{AWS::AccountId}'],
  },
  {
    type: 'AWS::KMS::ReplicaKey',
    resources: `
  DataKeyReplica:
    Type: AWS::KMS::ReplicaKey
    Properties:
      PrimaryKeyArn: arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab
      KeyPolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}'`,
    id: 'DataKeyReplica',
    property: 'KeyPolicy',
    protects: { resourceType: 'AWS::KMS::ReplicaKey', logicalId: 'DataKeyReplica' },
    statements: ['Allow actions=kms:* resources=* principals=account:111122223333'],
  },
  {
    type: 'AWS::SecretsManager::ResourcePolicy',
    resources: `
  DbSecret:
    Type: AWS::SecretsManager::Secret
  DbSecretPolicy:
    Type: AWS::SecretsManager::ResourcePolicy
    Properties:
      SecretId: !Ref DbSecret
      BlockPublicPolicy: true
      ResourcePolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Deny
            Principal: {AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root'}
            Action: secretsmanager:DeleteSecret
            Resource: '*'`,
    id: 'DbSecretPolicy',
    property: 'ResourcePolicy',
    protects: { resourceType: 'AWS::SecretsManager::Secret', logicalId: 'DbSecret' },
    statements: ['Deny actions=secretsmanager:DeleteSecret resources=* principals=account:{AWS::AccountId}'],
  },
  {
    type: 'AWS::Lambda::ResourcePolicy',
    resources: `
  FunctionPolicy:
    Type: AWS::Lambda::ResourcePolicy
    Properties:
      ResourceArn: arn:aws:lambda:us-east-1:111122223333:function:resize
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {AWS: '444455556666'}
            Action: lambda:InvokeFunction
            Resource: arn:aws:lambda:us-east-1:111122223333:function:resize`,
    id: 'FunctionPolicy',
    property: 'PolicyDocument',
    protects: { resourceType: 'AWS::Lambda::Function' },
    statements: ['Allow actions=lambda:InvokeFunction resources=arn:aws:lambda:us-east-1:111122223333:function:resize principals=account:444455556666'],
  },
  {
    type: 'AWS::ECR::Repository',
    resources: `
  Images:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText:
        Version: '2012-10-17'
        Statement:
          - Sid: CrossAccountPull
            Effect: Allow
            Principal: {AWS: ['arn:aws:iam::444455556666:root']}
            Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']`,
    id: 'Images',
    property: 'RepositoryPolicyText',
    protects: { resourceType: 'AWS::ECR::Repository', logicalId: 'Images' },
    statements: ['Allow actions=ecr:BatchGetImage,ecr:GetDownloadUrlForLayer principals=account:444455556666'],
  },
  {
    type: 'AWS::ECR::PublicRepository',
    resources: `
  PublicImages:
    Type: AWS::ECR::PublicRepository
    Properties:
      RepositoryPolicyText:
        Statement:
          - Effect: Allow
            Principal: {AWS: arn:aws:iam::111122223333:role/publisher}
            Action: ecr-public:PutImage`,
    id: 'PublicImages',
    property: 'RepositoryPolicyText',
    protects: { resourceType: 'AWS::ECR::PublicRepository', logicalId: 'PublicImages' },
    statements: ['Allow actions=ecr-public:PutImage principals=arn:arn:aws:iam::111122223333:role/publisher'],
  },
  {
    type: 'AWS::ECR::RegistryPolicy',
    resources: `
  Registry:
    Type: AWS::ECR::RegistryPolicy
    Properties:
      PolicyText:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {AWS: arn:aws:iam::444455556666:root}
            Action: ['ecr:CreateRepository', 'ecr:ReplicateImage']
            Resource: !Sub 'arn:aws:ecr:\${AWS::Region}:\${AWS::AccountId}:repository/*'`,
    id: 'Registry',
    property: 'PolicyText',
    protects: { resourceType: 'AWS::ECR::RegistryPolicy', logicalId: 'Registry' },
    statements: ['Allow actions=ecr:CreateRepository,ecr:ReplicateImage resources=arn:aws:ecr:{AWS::Region}:{AWS::AccountId}:repository/* principals=account:444455556666'],
  },
  {
    type: 'AWS::Logs::ResourcePolicy',
    resources: `
  SearchLogsPolicy:
    Type: AWS::Logs::ResourcePolicy
    Properties:
      PolicyName: opensearch-logs
      PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"es.amazonaws.com"},"Action":["logs:PutLogEvents","logs:CreateLogStream"],"Resource":"arn:aws:logs:*:*:log-group:/aws/opensearch/*"}]}'`,
    id: 'SearchLogsPolicy',
    property: 'PolicyDocument',
    protects: { resourceType: 'AWS::Logs::ResourcePolicy', logicalId: 'SearchLogsPolicy' },
    statements: ['Allow actions=logs:PutLogEvents,logs:CreateLogStream resources=arn:aws:logs:*:*:log-group:/aws/opensearch/* principals=service:es.amazonaws.com'],
  },
  {
    type: 'AWS::Logs::Destination',
    resources: `
  CentralDestination:
    Type: AWS::Logs::Destination
    Properties:
      DestinationName: central
      RoleArn: arn:aws:iam::111122223333:role/cwl-to-kinesis
      TargetArn: arn:aws:kinesis:us-east-1:111122223333:stream/central
      DestinationPolicy: !Sub '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"logs:PutSubscriptionFilter","Resource":"arn:aws:logs:\${AWS::Region}:\${AWS::AccountId}:destination:central"}]}'`,
    id: 'CentralDestination',
    property: 'DestinationPolicy',
    protects: { resourceType: 'AWS::Logs::Destination', logicalId: 'CentralDestination' },
    statements: ['Allow actions=logs:PutSubscriptionFilter resources=arn:aws:logs:{AWS::Region}:{AWS::AccountId}:destination:central principals=account:444455556666'],
  },
  {
    type: 'AWS::Logs::DeliveryDestination',
    resources: `
  ArchiveDestination:
    Type: AWS::Logs::DeliveryDestination
    Properties:
      Name: archive
      DestinationResourceArn: arn:aws:s3:::central-log-archive
      DeliveryDestinationPolicy:
        DeliveryDestinationName: archive
        DeliveryDestinationPolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"logs:CreateDelivery","Resource":"*"}]}'`,
    id: 'ArchiveDestination',
    property: 'DeliveryDestinationPolicy/DeliveryDestinationPolicy',
    protects: { resourceType: 'AWS::Logs::DeliveryDestination', logicalId: 'ArchiveDestination' },
    statements: ['Allow actions=logs:CreateDelivery resources=* principals=account:444455556666'],
  },
  {
    type: 'AWS::Logs::LogGroup',
    resources: `
  AppLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      ResourcePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Service: delivery.logs.amazonaws.com}
            Action: logs:PutLogEvents
            Resource: '*'`,
    id: 'AppLogs',
    property: 'ResourcePolicyDocument',
    protects: { resourceType: 'AWS::Logs::LogGroup', logicalId: 'AppLogs' },
    statements: ['Allow actions=logs:PutLogEvents resources=* principals=service:delivery.logs.amazonaws.com'],
  },
  {
    type: 'AWS::OpenSearchService::Domain',
    resources: `
  Search:
    Type: AWS::OpenSearchService::Domain
    Properties:
      AccessPolicies:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {AWS: '*'}
            Action: 'es:ESHttp*'
            Resource: !Sub 'arn:aws:es:\${AWS::Region}:\${AWS::AccountId}:domain/search/*'
            Condition:
              IpAddress: {aws:SourceIp: ['203.0.113.0/24']}`,
    id: 'Search',
    property: 'AccessPolicies',
    protects: { resourceType: 'AWS::OpenSearchService::Domain', logicalId: 'Search' },
    statements: ['Allow actions=es:ESHttp* resources=arn:aws:es:{AWS::Region}:{AWS::AccountId}:domain/search/* principals=* conditions=IpAddress:aws:SourceIp=203.0.113.0/24'],
  },
  {
    type: 'AWS::Elasticsearch::Domain',
    resources: `
  LegacySearch:
    Type: AWS::Elasticsearch::Domain
    Properties:
      AccessPolicies:
        Statement:
          - Effect: Allow
            Principal: {AWS: arn:aws:iam::111122223333:role/indexer}
            Action: 'es:*'
            Resource: arn:aws:es:us-east-1:111122223333:domain/legacy/*`,
    id: 'LegacySearch',
    property: 'AccessPolicies',
    protects: { resourceType: 'AWS::Elasticsearch::Domain', logicalId: 'LegacySearch' },
    statements: ['Allow actions=es:* resources=arn:aws:es:us-east-1:111122223333:domain/legacy/* principals=arn:arn:aws:iam::111122223333:role/indexer'],
  },
  {
    type: 'AWS::EFS::FileSystem',
    resources: `
  Shared:
    Type: AWS::EFS::FileSystem
    Properties:
      FileSystemPolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Deny
            Principal: {AWS: '*'}
            Action: '*'
            Condition: {Bool: {aws:SecureTransport: 'false'}}`,
    id: 'Shared',
    property: 'FileSystemPolicy',
    protects: { resourceType: 'AWS::EFS::FileSystem', logicalId: 'Shared' },
    statements: ['Deny actions=* principals=* conditions=Bool:aws:SecureTransport=false'],
  },
  {
    type: 'AWS::Events::EventBus',
    resources: `
  Orders:
    Type: AWS::Events::EventBus
    Properties:
      Name: orders
      Policy:
        Version: '2012-10-17'
        Statement:
          - Sid: AllowPartnerPut
            Effect: Allow
            Principal: {AWS: arn:aws:iam::444455556666:root}
            Action: events:PutEvents
            Resource: !Sub 'arn:aws:events:\${AWS::Region}:\${AWS::AccountId}:event-bus/orders'`,
    id: 'Orders',
    property: 'Policy',
    protects: { resourceType: 'AWS::Events::EventBus', logicalId: 'Orders' },
    statements: ['Allow actions=events:PutEvents resources=arn:aws:events:{AWS::Region}:{AWS::AccountId}:event-bus/orders principals=account:444455556666'],
  },
  {
    type: 'AWS::ApiGateway::RestApi',
    resources: `
  PrivateApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: private
      Policy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: execute-api:Invoke
            Resource: execute-api:/*
          - Effect: Deny
            Principal: '*'
            Action: execute-api:Invoke
            Resource: execute-api:/*
            Condition:
              StringNotEquals: {aws:SourceVpce: vpce-0123456789abcdef0}`,
    id: 'PrivateApi',
    property: 'Policy',
    protects: { resourceType: 'AWS::ApiGateway::RestApi', logicalId: 'PrivateApi' },
    statements: [
      'Allow actions=execute-api:Invoke resources=execute-api:/* principals=*',
      'Deny actions=execute-api:Invoke resources=execute-api:/* principals=* conditions=StringNotEquals:aws:SourceVpce=vpce-0123456789abcdef0',
    ],
  },
  {
    type: 'AWS::Backup::BackupVault',
    resources: `
  Vault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: primary
      AccessPolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: backup:DeleteRecoveryPoint
            Resource: '*'`,
    id: 'Vault',
    property: 'AccessPolicy',
    protects: { resourceType: 'AWS::Backup::BackupVault', logicalId: 'Vault' },
    statements: ['Deny actions=backup:DeleteRecoveryPoint resources=* principals=*'],
  },
  {
    type: 'AWS::Backup::LogicallyAirGappedBackupVault',
    resources: `
  AirGapped:
    Type: AWS::Backup::LogicallyAirGappedBackupVault
    Properties:
      BackupVaultName: airgapped
      MinRetentionDays: 7
      MaxRetentionDays: 35
      AccessPolicy:
        Statement:
          - Effect: Allow
            Principal: {AWS: '444455556666'}
            Action: backup:CopyIntoBackupVault
            Resource: '*'`,
    id: 'AirGapped',
    property: 'AccessPolicy',
    protects: { resourceType: 'AWS::Backup::LogicallyAirGappedBackupVault', logicalId: 'AirGapped' },
    statements: ['Allow actions=backup:CopyIntoBackupVault resources=* principals=account:444455556666'],
  },
  {
    type: 'AWS::CodeArtifact::Domain',
    resources: `
  Artifacts:
    Type: AWS::CodeArtifact::Domain
    Properties:
      DomainName: company
      PermissionsPolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root'}
            Action: ['codeartifact:GetAuthorizationToken', 'sts:GetServiceBearerToken']
            Resource: '*'`,
    id: 'Artifacts',
    property: 'PermissionsPolicyDocument',
    protects: { resourceType: 'AWS::CodeArtifact::Domain', logicalId: 'Artifacts' },
    statements: ['Allow actions=codeartifact:GetAuthorizationToken,sts:GetServiceBearerToken resources=* principals=account:{AWS::AccountId}'],
  },
  {
    type: 'AWS::CodeArtifact::Repository',
    resources: `
  Npm:
    Type: AWS::CodeArtifact::Repository
    Properties:
      DomainName: company
      RepositoryName: npm
      PermissionsPolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {AWS: arn:aws:iam::444455556666:root}
            Action: codeartifact:ReadFromRepository
            Resource: '*'`,
    id: 'Npm',
    property: 'PermissionsPolicyDocument',
    protects: { resourceType: 'AWS::CodeArtifact::Repository', logicalId: 'Npm' },
    statements: ['Allow actions=codeartifact:ReadFromRepository resources=* principals=account:444455556666'],
  },
  {
    type: 'AWS::DynamoDB::Table',
    resources: `
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
      ResourcePolicy:
        PolicyDocument:
          Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Principal: {AWS: arn:aws:iam::444455556666:role/reporting}
              Action: dynamodb:GetItem
              Resource: '*'`,
    id: 'Orders',
    property: 'ResourcePolicy/PolicyDocument',
    protects: { resourceType: 'AWS::DynamoDB::Table', logicalId: 'Orders' },
    statements: ['Allow actions=dynamodb:GetItem resources=* principals=arn:arn:aws:iam::444455556666:role/reporting'],
  },
  {
    type: 'AWS::Kinesis::ResourcePolicy',
    resources: `
  Clicks:
    Type: AWS::Kinesis::Stream
    Properties: {ShardCount: 1}
  ClicksPolicy:
    Type: AWS::Kinesis::ResourcePolicy
    Properties:
      ResourceArn: !GetAtt Clicks.Arn
      ResourcePolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {AWS: '444455556666'}
            Action: ['kinesis:GetRecords', 'kinesis:GetShardIterator']
            Resource: !GetAtt Clicks.Arn`,
    id: 'ClicksPolicy',
    property: 'ResourcePolicy',
    protects: { resourceType: 'AWS::Kinesis::Stream', logicalId: 'Clicks' },
    statements: ['Allow actions=kinesis:GetRecords,kinesis:GetShardIterator resources=arn:{AWS::Partition}:kinesis:{AWS::Region}:{AWS::AccountId}:stream/{Clicks} principals=account:444455556666'],
  },
  {
    type: 'AWS::CloudTrail::ResourcePolicy',
    resources: `
  ChannelPolicy:
    Type: AWS::CloudTrail::ResourcePolicy
    Properties:
      ResourceArn: arn:aws:cloudtrail:us-east-1:111122223333:channel/partner
      ResourcePolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {AWS: ['arn:aws:iam::444455556666:root']}
            Action: cloudtrail-data:PutAuditEvents
            Resource: arn:aws:cloudtrail:us-east-1:111122223333:channel/partner`,
    id: 'ChannelPolicy',
    property: 'ResourcePolicy',
    protects: { resourceType: 'AWS::CloudTrail::Channel' },
    statements: ['Allow actions=cloudtrail-data:PutAuditEvents resources=arn:aws:cloudtrail:us-east-1:111122223333:channel/partner principals=account:444455556666'],
  },
  {
    type: 'AWS::SSM::ResourcePolicy',
    resources: `
  OpsPolicy:
    Type: AWS::SSM::ResourcePolicy
    Properties:
      ResourceArn: arn:aws:ssm:us-east-1:111122223333:opsitemgroup/default
      Policy:
        Statement:
          - Effect: Allow
            Principal: {AWS: '444455556666'}
            Action: ssm:GetOpsItem
            Resource: '*'`,
    id: 'OpsPolicy',
    property: 'Policy',
    protects: { resourceType: 'AWS::SSM::Parameter' },
    statements: ['Allow actions=ssm:GetOpsItem resources=* principals=account:444455556666'],
  },
  {
    type: 'AWS::Lex::ResourcePolicy',
    resources: `
  BotPolicy:
    Type: AWS::Lex::ResourcePolicy
    Properties:
      ResourceArn: arn:aws:lex:us-east-1:111122223333:bot/ABCDEFGHIJ
      Policy:
        Statement:
          - Effect: Allow
            Principal: {Service: connect.amazonaws.com}
            Action: lex:RecognizeText
            Resource: arn:aws:lex:us-east-1:111122223333:bot-alias/ABCDEFGHIJ/*`,
    id: 'BotPolicy',
    property: 'Policy',
    protects: { resourceType: 'AWS::Lex::Bot' },
    statements: ['Allow actions=lex:RecognizeText resources=arn:aws:lex:us-east-1:111122223333:bot-alias/ABCDEFGHIJ/* principals=service:connect.amazonaws.com'],
  },
  {
    type: 'AWS::EventSchemas::RegistryPolicy',
    resources: `
  SchemasPolicy:
    Type: AWS::EventSchemas::RegistryPolicy
    Properties:
      RegistryName: partner-schemas
      Policy:
        Statement:
          - Effect: Allow
            Principal: {AWS: '444455556666'}
            Action: schemas:DescribeSchema
            Resource: '*'`,
    id: 'SchemasPolicy',
    property: 'Policy',
    protects: { resourceType: 'AWS::EventSchemas::Registry' },
    statements: ['Allow actions=schemas:DescribeSchema resources=* principals=account:444455556666'],
  },
  {
    type: 'AWS::MSK::ClusterPolicy',
    resources: `
  KafkaPolicy:
    Type: AWS::MSK::ClusterPolicy
    Properties:
      ClusterArn: arn:aws:kafka:us-east-1:111122223333:cluster/events/abcd1234
      Policy:
        Statement:
          - Effect: Allow
            Principal: {AWS: arn:aws:iam::444455556666:root}
            Action: ['kafka:CreateVpcConnection', 'kafka:GetBootstrapBrokers']
            Resource: arn:aws:kafka:us-east-1:111122223333:cluster/events/abcd1234`,
    id: 'KafkaPolicy',
    property: 'Policy',
    protects: { resourceType: 'AWS::MSK::Cluster' },
    statements: ['Allow actions=kafka:CreateVpcConnection,kafka:GetBootstrapBrokers resources=arn:aws:kafka:us-east-1:111122223333:cluster/events/abcd1234 principals=account:444455556666'],
  },
  {
    type: 'AWS::Oam::Sink',
    resources: `
  MonitoringSink:
    Type: AWS::Oam::Sink
    Properties:
      Name: monitoring
      Policy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: ['oam:CreateLink', 'oam:UpdateLink']
            Resource: '*'
            Condition:
              ForAnyValue:StringEquals: {aws:PrincipalOrgID: o-a1b2c3d4e5}`,
    id: 'MonitoringSink',
    property: 'Policy',
    protects: { resourceType: 'AWS::Oam::Sink', logicalId: 'MonitoringSink' },
    statements: ['Allow actions=oam:CreateLink,oam:UpdateLink resources=* principals=* conditions=ForAnyValue:StringEquals:aws:PrincipalOrgID=o-a1b2c3d4e5'],
  },
  {
    type: 'AWS::VpcLattice::AuthPolicy',
    resources: `
  LatticeAuth:
    Type: AWS::VpcLattice::AuthPolicy
    Properties:
      ResourceIdentifier: svc-0123456789abcdef0
      Policy:
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: vpc-lattice-svcs:Invoke
            Resource: '*'
            Condition: {StringEquals: {aws:PrincipalOrgID: o-a1b2c3d4e5}}`,
    id: 'LatticeAuth',
    property: 'Policy',
    protects: { resourceType: 'AWS::VpcLattice::Service' },
    statements: ['Allow actions=vpc-lattice-svcs:Invoke resources=* principals=* conditions=StringEquals:aws:PrincipalOrgID=o-a1b2c3d4e5'],
  },
  {
    type: 'AWS::VpcLattice::ResourcePolicy',
    resources: `
  LatticeShare:
    Type: AWS::VpcLattice::ResourcePolicy
    Properties:
      ResourceArn: arn:aws:vpc-lattice:us-east-1:111122223333:servicenetwork/sn-0123456789abcdef0
      Policy:
        Statement:
          - Effect: Allow
            Principal: {AWS: '444455556666'}
            Action: vpc-lattice:CreateServiceNetworkVpcAssociation
            Resource: '*'`,
    id: 'LatticeShare',
    property: 'Policy',
    protects: { resourceType: 'AWS::VpcLattice::ServiceNetwork' },
    statements: ['Allow actions=vpc-lattice:CreateServiceNetworkVpcAssociation resources=* principals=account:444455556666'],
  },
  {
    type: 'AWS::EC2::VPCEndpoint',
    resources: `
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-0a1b2c3d
      ServiceName: !Sub 'com.amazonaws.\${AWS::Region}.s3'
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: ['s3:GetObject']
            Resource: ['arn:aws:s3:::artifacts/*']`,
    id: 'S3Endpoint',
    property: 'PolicyDocument',
    protects: { resourceType: 'AWS::EC2::VPCEndpoint', logicalId: 'S3Endpoint' },
    statements: ['Allow actions=s3:GetObject resources=arn:aws:s3:::artifacts/* principals=*'],
  },
  {
    type: 'AWS::XRay::ResourcePolicy',
    resources: `
  XRaySnsPolicy:
    Type: AWS::XRay::ResourcePolicy
    Properties:
      PolicyName: sns-tracing
      PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":["xray:PutTraceSegments"],"Resource":"*"}]}'`,
    id: 'XRaySnsPolicy',
    property: 'PolicyDocument',
    protects: { resourceType: 'AWS::XRay::ResourcePolicy', logicalId: 'XRaySnsPolicy' },
    statements: ['Allow actions=xray:PutTraceSegments resources=* principals=service:sns.amazonaws.com'],
  },
  {
    type: 'AWS::MediaStore::Container',
    resources: `
  Media:
    Type: AWS::MediaStore::Container
    Properties:
      ContainerName: media
      Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"mediastore:GetObject","Resource":"arn:aws:mediastore:us-east-1:111122223333:container/media/*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}'`,
    id: 'Media',
    property: 'Policy',
    protects: { resourceType: 'AWS::MediaStore::Container', logicalId: 'Media' },
    statements: ['Allow actions=mediastore:GetObject resources=arn:aws:mediastore:us-east-1:111122223333:container/media/* principals=* conditions=Bool:aws:SecureTransport=true'],
  },
  {
    type: 'AWS::APS::ResourcePolicy',
    resources: `
  MetricsPolicy:
    Type: AWS::APS::ResourcePolicy
    Properties:
      WorkspaceArn: arn:aws:aps:us-east-1:111122223333:workspace/ws-0123
      PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"aps:RemoteWrite","Resource":"*"}]}'`,
    id: 'MetricsPolicy',
    property: 'PolicyDocument',
    protects: { resourceType: 'AWS::APS::Workspace' },
    statements: ['Allow actions=aps:RemoteWrite resources=* principals=account:444455556666'],
  },
  {
    type: 'AWS::SageMaker::ModelPackageGroup',
    resources: `
  Models:
    Type: AWS::SageMaker::ModelPackageGroup
    Properties:
      ModelPackageGroupName: churn
      ModelPackageGroupPolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {AWS: arn:aws:iam::444455556666:root}
            Action: sagemaker:DescribeModelPackage
            Resource: '*'`,
    id: 'Models',
    property: 'ModelPackageGroupPolicy',
    protects: { resourceType: 'AWS::SageMaker::ModelPackageGroup', logicalId: 'Models' },
    statements: ['Allow actions=sagemaker:DescribeModelPackage resources=* principals=account:444455556666'],
  },
  {
    type: 'AWS::RedshiftServerless::Namespace',
    resources: `
  Warehouse:
    Type: AWS::RedshiftServerless::Namespace
    Properties:
      NamespaceName: warehouse
      NamespaceResourcePolicy:
        Statement:
          - Effect: Allow
            Principal: {AWS: '444455556666'}
            Action: redshift:CreateInboundIntegration
            Resource: '*'`,
    id: 'Warehouse',
    property: 'NamespaceResourcePolicy',
    protects: { resourceType: 'AWS::RedshiftServerless::Namespace', logicalId: 'Warehouse' },
    statements: ['Allow actions=redshift:CreateInboundIntegration resources=* principals=account:444455556666'],
  },
  {
    type: 'AWS::ECR::RepositoryCreationTemplate',
    resources: `
  CacheRepositories:
    Type: AWS::ECR::RepositoryCreationTemplate
    Properties:
      Prefix: docker-hub
      AppliedFor: [PULL_THROUGH_CACHE]
      RepositoryPolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}'`,
    id: 'CacheRepositories',
    property: 'RepositoryPolicy',
    protects: { resourceType: 'AWS::ECR::RepositoryCreationTemplate', logicalId: 'CacheRepositories' },
    statements: ['Allow actions=ecr:BatchGetImage,ecr:GetDownloadUrlForLayer principals=account:444455556666'],
  },
  {
    type: 'AWS::Organizations::ResourcePolicy',
    resources: `
  Delegation:
    Type: AWS::Organizations::ResourcePolicy
    Properties:
      Content:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {AWS: arn:aws:iam::444455556666:root}
            Action: [organizations:DescribePolicy, organizations:ListPolicies]
            Resource: '*'`,
    id: 'Delegation',
    property: 'Content',
    protects: { resourceType: 'AWS::Organizations::ResourcePolicy', logicalId: 'Delegation' },
    statements: ['Allow actions=organizations:DescribePolicy,organizations:ListPolicies resources=* principals=account:444455556666'],
  },
];

describe('resource policies', () => {
  it.each(CASES.map((c) => [c.type, c] as const))('%s', (_, c) => {
    const { extraction } = extractTemplate(`Resources:${c.resources}\n`);
    expect(extraction.errors).toEqual([]);
    const policy = onlyPolicy(extraction, c.id);
    expect(policy.kind).toBe('resource');
    expect(policy.source).toMatchObject({ logicalId: c.id, resourceType: c.type, pointer: `/Resources/${c.id}/Properties/${c.property}` });
    expect(policy.resources).toMatchObject([c.protects]);
    if (!c.protects.logicalId) expect(policy.resources[0]?.logicalId).toBeUndefined();
    expect(summary(policy)).toEqual(c.statements);
    for (const statement of policy.statements) expect(statement.at.startsWith(policy.source.pointer)).toBe(true);
    expect(policy.problems).toEqual([]);
  });

  it('covers every resource-policy row of the table that has no test elsewhere', () => {
    const elsewhere = new Set([
      'AWS::DynamoDB::GlobalTable', // dynamodb tests below
      'AWS::Events::EventBusPolicy', // event-bus-policy.test.ts
      'AWS::Lambda::Permission', // lambda-permission.test.ts
      'AWS::Lambda::LayerVersionPermission',
      'AWS::Lambda::Url',
      'AWS::S3::Bucket', // a canned ACL: bucket-acl.test.ts
      'AWS::Serverless::Api', // sam/api.test.ts
      'AWS::Serverless::Function', // an Api event's Auth.ResourcePolicy: sam/api.test.ts
      'AWS::Serverless::StateMachine',
      'Custom::AWS', // cdk-sdk-calls.test.ts
      'Custom::CloudwatchLogResourcePolicy',
      'Custom::ElasticsearchAccessPolicy',
      'Custom::OpenSearchAccessPolicy',
    ]);
    const tested = new Set(CASES.map((c) => c.type));
    const resourceRows = Object.entries(POLICY_TABLE)
      .filter(([, spec]) => spec.policies.some((p) => p.kind === 'resource' || p.kind === 'permission-grant'))
      .map(([type]) => type);
    expect(resourceRows.filter((type) => !tested.has(type) && !elsewhere.has(type))).toEqual([]);
  });
});

describe('DynamoDB', () => {
  it('reads the table policy and the stream policy as two policies on the table', () => {
    const { extraction } = extractTemplate(`
Resources:
  Events:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
      StreamSpecification:
        StreamViewType: NEW_IMAGE
        ResourcePolicy:
          PolicyDocument:
            Statement:
              - Effect: Allow
                Principal: {AWS: '444455556666'}
                Action: dynamodb:GetRecords
                Resource: '*'
      ResourcePolicy:
        PolicyDocument:
          Statement:
            - Effect: Allow
              Principal: {AWS: '444455556666'}
              Action: dynamodb:Query
              Resource: '*'
`);
    expect(extraction.policies.map((p) => [p.source.pointer, summary(p)])).toEqual([
      ['/Resources/Events/Properties/ResourcePolicy/PolicyDocument', ['Allow actions=dynamodb:Query resources=* principals=account:444455556666']],
      ['/Resources/Events/Properties/StreamSpecification/ResourcePolicy/PolicyDocument', ['Allow actions=dynamodb:GetRecords resources=* principals=account:444455556666']],
    ]);
  });

  it('reads a global table policy per replica', () => {
    const { extraction } = extractTemplate(`
Resources:
  Sessions:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      Replicas:
        - Region: us-east-1
          ResourcePolicy:
            PolicyDocument:
              Statement:
                - {Effect: Allow, Principal: {AWS: '444455556666'}, Action: 'dynamodb:GetItem', Resource: '*'}
        - Region: eu-west-1
          ReplicaStreamSpecification:
            ResourcePolicy:
              PolicyDocument:
                Statement:
                  - {Effect: Allow, Principal: {AWS: '444455556666'}, Action: 'dynamodb:GetRecords', Resource: '*'}
`);
    expect(extraction.policies.map((p) => [p.source.propertyPath.join('.'), p.resources[0]?.logicalId, summary(p)])).toEqual([
      ['Properties.Replicas.0.ResourcePolicy.PolicyDocument', 'Sessions', ['Allow actions=dynamodb:GetItem resources=* principals=account:444455556666']],
      ['Properties.Replicas.1.ReplicaStreamSpecification.ResourcePolicy.PolicyDocument', 'Sessions', ['Allow actions=dynamodb:GetRecords resources=* principals=account:444455556666']],
    ]);
  });
});

describe('API Gateway OpenAPI bodies', () => {
  it('reads x-amazon-apigateway-policy from a body written in the template, and does not guess inside an included one', () => {
    const { extraction } = extractTemplate(`
Resources:
  Written:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body:
        openapi: '3.0.1'
        info: {title: written}
        paths: {}
        x-amazon-apigateway-policy:
          Version: '2012-10-17'
          Statement:
            - {Effect: Allow, Principal: '*', Action: execute-api:Invoke, Resource: 'execute-api:/*'}
  Included:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body:
        Fn::Transform:
          Name: AWS::Include
          Parameters: {Location: s3://specs/api.yaml}
`);
    expect(extraction.errors).toEqual([]);
    expect(extraction.policies.map((p) => [p.source.logicalId, p.source.pointer, p.resources[0]?.logicalId, summary(p)])).toEqual([
      ['Written', '/Resources/Written/Properties/Body/x-amazon-apigateway-policy', 'Written', ['Allow actions=execute-api:Invoke resources=execute-api:/* principals=*']],
    ]);
  });
});

describe('a queue or topic policy that serves a list', () => {
  it('protects every queue and topic it names, each resolved to the template resource or kept as written', () => {
    const { extraction } = extractTemplate(`Resources:
  Jobs:
    Type: AWS::SQS::Queue
  Retries:
    Type: AWS::SQS::Queue
  Alerts:
    Type: AWS::SNS::Topic
  QueuesPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Jobs, !Ref Retries, 'https://sqs.us-east-1.amazonaws.com/111122223333/legacy']
      PolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: sns.amazonaws.com}, Action: sqs:SendMessage, Resource: '*'}
  TopicsPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [!Ref Alerts]
      PolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: events.amazonaws.com}, Action: sns:Publish, Resource: !Ref Alerts}
`);
    expect(onlyPolicy(extraction, 'QueuesPolicy').resources).toMatchObject([
      { resourceType: 'AWS::SQS::Queue', logicalId: 'Jobs' },
      { resourceType: 'AWS::SQS::Queue', logicalId: 'Retries' },
      { resourceType: 'AWS::SQS::Queue', arn: 'https://sqs.us-east-1.amazonaws.com/111122223333/legacy' },
    ]);
    expect(onlyPolicy(extraction, 'QueuesPolicy').resources[2]?.logicalId).toBeUndefined();
    expect(onlyPolicy(extraction, 'TopicsPolicy').resources).toMatchObject([{ resourceType: 'AWS::SNS::Topic', logicalId: 'Alerts' }]);
  });
});
