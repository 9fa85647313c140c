/** One region as DescribeRegions reports it. */
export interface RegionInfo {
  /** Region ID, e.g. `cn-hangzhou`. */
  regionId: string;
  /** English name (AcceptLanguage `en-US`). */
  nameEn: string;
  /** Chinese name (AcceptLanguage `zh-CN`, the service's default). */
  nameZh: string;
}

/** Regions served through the central endpoint `vpc.aliyuncs.com`, as in the VPC SDK's endpoint map. */
const CENTRAL_ENDPOINT_REGIONS = new Set(["cn-hangzhou", "cn-wuhan"]);

/** The public regions of Alibaba Cloud that the emulator knows, in the order the service lists them. */
export const DEFAULT_REGIONS: readonly RegionInfo[] = [
  { regionId: "cn-qingdao", nameEn: "China (Qingdao)", nameZh: "华北1（青岛）" },
  { regionId: "cn-beijing", nameEn: "China (Beijing)", nameZh: "华北2（北京）" },
  { regionId: "cn-zhangjiakou", nameEn: "China (Zhangjiakou)", nameZh: "华北3（张家口）" },
  { regionId: "cn-huhehaote", nameEn: "China (Hohhot)", nameZh: "华北5（呼和浩特）" },
  { regionId: "cn-wulanchabu", nameEn: "China (Ulanqab)", nameZh: "华北6（乌兰察布）" },
  { regionId: "cn-hangzhou", nameEn: "China (Hangzhou)", nameZh: "华东1（杭州）" },
  { regionId: "cn-shanghai", nameEn: "China (Shanghai)", nameZh: "华东2（上海）" },
  { regionId: "cn-nanjing", nameEn: "China (Nanjing - Local Region)", nameZh: "华东5（南京-本地地域）" },
  { regionId: "cn-fuzhou", nameEn: "China (Fuzhou - Local Region)", nameZh: "华东6（福州-本地地域）" },
  { regionId: "cn-shenzhen", nameEn: "China (Shenzhen)", nameZh: "华南1（深圳）" },
  { regionId: "cn-heyuan", nameEn: "China (Heyuan)", nameZh: "华南2（河源）" },
  { regionId: "cn-guangzhou", nameEn: "China (Guangzhou)", nameZh: "华南3（广州）" },
  { regionId: "cn-chengdu", nameEn: "China (Chengdu)", nameZh: "西南1（成都）" },
  { regionId: "cn-wuhan-lr", nameEn: "China (Wuhan - Local Region)", nameZh: "华中1（武汉-本地地域）" },
  { regionId: "cn-hongkong", nameEn: "China (Hong Kong)", nameZh: "中国香港" },
  { regionId: "ap-northeast-1", nameEn: "Japan (Tokyo)", nameZh: "日本（东京）" },
  { regionId: "ap-northeast-2", nameEn: "South Korea (Seoul)", nameZh: "韩国（首尔）" },
  { regionId: "ap-southeast-1", nameEn: "Singapore", nameZh: "新加坡" },
  { regionId: "ap-southeast-3", nameEn: "Malaysia (Kuala Lumpur)", nameZh: "马来西亚（吉隆坡）" },
  { regionId: "ap-southeast-5", nameEn: "Indonesia (Jakarta)", nameZh: "印度尼西亚（雅加达）" },
  { regionId: "ap-southeast-6", nameEn: "Philippines (Manila)", nameZh: "菲律宾（马尼拉）" },
  { regionId: "ap-southeast-7", nameEn: "Thailand (Bangkok)", nameZh: "泰国（曼谷）" },
  { regionId: "us-east-1", nameEn: "US (Virginia)", nameZh: "美国（弗吉尼亚）" },
  { regionId: "us-west-1", nameEn: "US (Silicon Valley)", nameZh: "美国（硅谷）" },
  { regionId: "eu-west-1", nameEn: "UK (London)", nameZh: "英国（伦敦）" },
  { regionId: "eu-central-1", nameEn: "Germany (Frankfurt)", nameZh: "德国（法兰克福）" },
  { regionId: "me-east-1", nameEn: "UAE (Dubai)", nameZh: "阿联酋（迪拜）" },
  { regionId: "me-central-1", nameEn: "SAU (Riyadh - Partner Region)", nameZh: "沙特（利雅得）" },
  { regionId: "na-south-1", nameEn: "Mexico", nameZh: "墨西哥" },
];

/** The VPC endpoint of a region, as the real DescribeRegions reports it in `RegionEndpoint`. */
export function regionEndpoint(regionId: string): string {
  return CENTRAL_ENDPOINT_REGIONS.has(regionId) ? "vpc.aliyuncs.com" : `vpc.${regionId}.aliyuncs.com`;
}
