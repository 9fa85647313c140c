// Turns on Alibaba Cloud's Public IP Address Pool feature (VPC OpenPublicIpAddressPoolService) region by region, in the account STS reports.
package alicloudippoolservice
