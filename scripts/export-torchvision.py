# Exports a torchvision model's weights for `sieve import` (needs torch, torchvision, safetensors and internet once):
#   python3 scripts/export-torchvision.py resnet50 IMAGENET1K_V1 resnet50.safetensors
import sys, torch, torchvision, safetensors.torch
m = torchvision.models.get_model(sys.argv[1], weights=sys.argv[2])
safetensors.torch.save_file({k: v.contiguous() for k, v in m.state_dict().items()}, sys.argv[3])
