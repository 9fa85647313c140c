package example;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.alicloudippoolservice.AlicloudippoolserviceFunctions;
import com.pulumi.alicloudippoolservice.Provider;
import com.pulumi.alicloudippoolservice.ProviderArgs;
import com.pulumi.alicloudippoolservice.PublicIpAddressPoolService;
import com.pulumi.alicloudippoolservice.PublicIpAddressPoolServiceArgs;
import com.pulumi.alicloudippoolservice.inputs.AssumeRoleArgs;
import com.pulumi.alicloudippoolservice.inputs.GetPublicIpAddressPoolServiceStatusArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Activates the Public IP Address Pool feature in every region of stack config {@code regions}: in
 * the stack's own account, or with {@code roleArn} in that role's account.
 */
public class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    private static void stack(Context ctx) {
        var config = ctx.config();
        // With roleArn, an explicit provider acts in the role's account; without it, the stack's own.
        Optional<Provider> member = config.get("roleArn").map(roleArn -> new Provider("member",
            ProviderArgs.builder().assumeRole(AssumeRoleArgs.builder().roleArn(roleArn).build()).build()));
        var resourceOptions = CustomResourceOptions.builder();
        var invokeOptions = InvokeOptions.builder();
        member.ifPresent(provider -> {
            resourceOptions.provider(provider);
            invokeOptions.provider(provider);
        });
        var options = resourceOptions.build();

        // One PublicIpAddressPoolService per region, named ip-pool-<regionId>.
        List<Output<String>> enabledRegions = new ArrayList<>();
        List<Output<String>> accountIds = new ArrayList<>();
        for (String regionId : Arrays.stream(config.require("regions").split(","))
                .map(String::trim).filter(r -> !r.isEmpty()).collect(Collectors.toList())) {
            var service = new PublicIpAddressPoolService("ip-pool-" + regionId,
                PublicIpAddressPoolServiceArgs.builder().regionId(regionId).build(), options);
            enabledRegions.add(service.regionId());
            accountIds.add(service.accountId());
        }
        ctx.export("enabledRegions", Output.all(enabledRegions));
        ctx.export("accountIds", Output.all(accountIds));

        // A region this stack reads and does not manage: its status (read during `pulumi preview`
        // too), and .get(), which needs it active.
        config.get("readRegion").ifPresent(readRegion -> {
            var status = AlicloudippoolserviceFunctions.getPublicIpAddressPoolServiceStatus(
                GetPublicIpAddressPoolServiceStatusArgs.builder().regionId(readRegion).build(),
                invokeOptions.build());
            var existing = PublicIpAddressPoolService.get("read-" + readRegion, Output.of(readRegion), options);
            ctx.export("readRegionEnabled", status.applyValue(s -> s.enabled()));
            ctx.export("readRegionAccountId", existing.accountId());
        });
    }
}
