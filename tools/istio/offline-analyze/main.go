// Command offline-analyze runs the analyzers of `istioctl analyze` on YAML files that stand for a whole cluster,
// and prints the messages exactly as `istioctl analyze -o json` does.
//
// `istioctl analyze --use-kube=false` drops the Pods, Services, Namespaces, Nodes and Secrets it reads from
// files (kuberesource.DefaultExcludedSchemas) and then skips every analyzer that needs one of them: selectors,
// gateway credentials, destination hosts, injection. This command reads them, the way Istio's own analyzer
// tests do (AddTestReaderKubeSource), so those analyzers run too. Unlike istioctl's file mode it adds no
// dummy ingress gateway Pod and Service: the files must say what runs.
//
// Usage: offline-analyze [-meshConfigFile mesh.yaml] [-v] FILE...
//
//	offline-analyze -version (prints the istio.io/istio module version it was built from)
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/debug"

	"istio.io/istio/istioctl/pkg/root"
	"istio.io/istio/istioctl/pkg/util/formatting"
	"istio.io/istio/pkg/config/analysis/analyzers"
	"istio.io/istio/pkg/config/analysis/local"
	"istio.io/istio/pkg/config/resource"
	"istio.io/istio/pkg/log"
)

func main() {
	meshConfigFile := flag.String("meshConfigFile", "", "mesh config (MeshConfig YAML) to analyze with; Istio's defaults when empty")
	istioNamespace := flag.String("istioNamespace", "istio-system", "Istio's root namespace")
	verbose := flag.Bool("v", false, "list the analyzers that were skipped on stderr")
	version := flag.Bool("version", false, "print the istio.io/istio module version this was built from")
	flag.Parse()
	if *version {
		fmt.Println(istioModuleVersion())
		return
	}
	if err := run(*meshConfigFile, *istioNamespace, *verbose, flag.Args()); err != nil {
		fmt.Fprintf(os.Stderr, "offline-analyze: %v\n", err)
		os.Exit(2)
	}
}

func run(meshConfigFile, istioNamespace string, verbose bool, files []string) error {
	if len(files) == 0 {
		return fmt.Errorf("no files to analyze")
	}
	root.LoggingOptions.OutputPaths = []string{"stderr"}
	if err := log.Configure(root.LoggingOptions); err != nil {
		return err
	}
	analyzer := local.NewIstiodAnalyzer(analyzers.AllCombined(), "", resource.Namespace(istioNamespace), nil)
	if meshConfigFile != "" {
		if err := analyzer.AddFileKubeMeshConfig(meshConfigFile); err != nil {
			return fmt.Errorf("mesh config %s: %v", meshConfigFile, err)
		}
	}
	readers := make([]local.ReaderSource, 0, len(files))
	for _, file := range files {
		reader, err := os.Open(file)
		if err != nil {
			return err
		}
		defer reader.Close()
		readers = append(readers, local.ReaderSource{Name: file, Reader: reader})
	}
	if err := analyzer.AddTestReaderKubeSource(readers); err != nil {
		return fmt.Errorf("reading the files: %v", err)
	}
	result, err := analyzer.Analyze(make(chan struct{}))
	if err != nil {
		return err
	}
	if verbose {
		for _, skipped := range result.SkippedAnalyzers {
			fmt.Fprintf(os.Stderr, "skipped analyzer %s\n", skipped)
		}
	}
	output, err := formatting.Print(*result.Messages.SetDocRef("istioctl-analyze"), formatting.JSONFormat, false)
	if err != nil {
		return err
	}
	fmt.Println(output)
	return nil
}

func istioModuleVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dependency := range info.Deps {
			if dependency.Path == "istio.io/istio" {
				return dependency.Path + " " + dependency.Version
			}
		}
	}
	return "istio.io/istio unknown"
}
